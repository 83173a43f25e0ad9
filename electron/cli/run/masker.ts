import type { Transform } from 'node:stream';

export const CONCEALED = '<concealed by keydeck>';

/**
 * Replaces every secret in a byte stream, including one split across writes: bytes that could
 * still be the start of a secret are held back (at most the longest secret's length minus one)
 * until the next write or the end tells. Works on bytes, so a UTF-8 character cut between two
 * writes is never mangled; only the tail that matches a secret's beginning waits.
 */
export class StreamMasker {
  private held: Buffer = Buffer.alloc(0);
  private secrets: Buffer[] = [];
  private longest = 0;
  private readonly replacement: Buffer;

  constructor(secrets: Iterable<string>, replacement = CONCEALED) {
    this.replacement = Buffer.from(replacement, 'utf8');
    this.setSecrets(secrets);
  }

  setSecrets(secrets: Iterable<string>): void {
    const unique = [...new Set([...secrets].filter((s) => s.length > 0))];
    this.secrets = unique.map((s) => Buffer.from(s, 'utf8')).sort((a, b) => b.length - a.length);
    this.longest = this.secrets[0]?.length ?? 0;
  }

  push(chunk: Buffer): Buffer {
    const buf = this.held.length ? Buffer.concat([this.held, chunk]) : chunk;
    const out: Buffer[] = [];
    let pos = 0;
    for (;;) {
      let at = -1;
      let len = 0;
      for (const s of this.secrets) {
        const i = buf.indexOf(s, pos);
        if (i !== -1 && (at === -1 || i < at || (i === at && s.length > len))) {
          at = i;
          len = s.length;
        }
      }
      if (at === -1) break;
      out.push(buf.subarray(pos, at), this.replacement);
      pos = at + len;
    }
    const keep = this.partialTail(buf, pos);
    out.push(buf.subarray(pos, buf.length - keep));
    this.held = Buffer.from(buf.subarray(buf.length - keep));
    return Buffer.concat(out);
  }

  /** What is left at the end of the stream: it never became a secret, so it goes out as is. */
  flush(): Buffer {
    const rest = this.held;
    this.held = Buffer.alloc(0);
    return rest;
  }

  /** The longest tail of buf (after `from`) that is a proper prefix of some secret. */
  private partialTail(buf: Buffer, from: number): number {
    const max = Math.min(this.longest - 1, buf.length - from);
    for (let n = max; n > 0; n--) {
      const tail = buf.subarray(buf.length - n);
      if (this.secrets.some((s) => s.length > n && s.subarray(0, n).equals(tail))) return n;
    }
    return 0;
  }

  /** A stream stage for `child.stdout.pipe(masker.transform()).pipe(process.stdout)`. */
  transform(): Transform {
    // node:stream on first use: only `run` with a piped output masks, and every start would pay to load it.
    const { Transform } = process.getBuiltinModule('node:stream');
    return new Transform({
      transform: (chunk: Buffer, _enc, done) => done(null, this.push(chunk)),
      flush: (done) => done(null, this.flush()),
    });
  }
}
