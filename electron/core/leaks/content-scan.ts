import type { LeakEncoding } from './encodings';
import type { SecretSet } from './secret-set';

/** The skip rule, stated in the README and in every scan report. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const BINARY_PROBE_BYTES = 8 * 1024;
export const SKIP_RULE = `files and git objects larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB, and binary ones (a NUL byte in the first ${BINARY_PROBE_BYTES / 1024} KiB, git's own test), are skipped and counted`;

export const isBinary = (content: Uint8Array): boolean => content.subarray(0, BINARY_PROBE_BYTES).indexOf(0) !== -1;

export interface Hit {
  keyId: string;
  encoding: LeakEncoding;
  line: number;
}

/** Which keys occur where in one file or blob: line numbers, never the text around them. */
export function hitsIn(content: Buffer, set: SecretSet): Hit[] {
  if (!set.matcher) return [];
  const raw: Array<{ pattern: number; offset: number }> = [];
  set.matcher.find(content, (m) => raw.push(m));
  if (raw.length === 0) return [];
  raw.sort((a, b) => a.offset - b.offset);
  const out = new Map<string, Hit>();
  let line = 1;
  let at = 0;
  for (const m of raw) {
    // Count newlines up to each match once, walking forward.
    for (let nl = content.indexOf(10, at); nl !== -1 && nl < m.offset; nl = content.indexOf(10, nl + 1)) {
      line++;
      at = nl + 1;
    }
    const p = set.patterns[m.pattern]!;
    const key = `${p.keyId}\0${p.encoding}\0${line}`;
    if (!out.has(key)) out.set(key, { keyId: p.keyId, encoding: p.encoding, line });
  }
  return dropShadowed([...out.values()]);
}

/**
 * A base64 form can contain another form by chance of the alphabet (url-safe and standard agree
 * when the value has no + or /); one place, one finding, named by the plainest encoding.
 */
function dropShadowed(hits: Hit[]): Hit[] {
  const order: LeakEncoding[] = ['raw', 'url', 'base64', 'base64url', 'hex'];
  const best = new Map<string, Hit>();
  for (const h of hits) {
    const k = `${h.keyId}\0${h.line}`;
    const cur = best.get(k);
    if (!cur || order.indexOf(h.encoding) < order.indexOf(cur.encoding)) best.set(k, h);
  }
  return [...best.values()];
}
