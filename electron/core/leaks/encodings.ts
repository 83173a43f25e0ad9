/**
 * How a secret may look where it was copied. Every form is derived in memory from the value and
 * lives only as long as one scan's matcher.
 */
export type LeakEncoding = 'raw' | 'base64' | 'base64url' | 'url' | 'hex';

export interface Pattern {
  bytes: Buffer;
  keyId: string;
  encoding: LeakEncoding;
}

/** Shorter forms would match by chance in a large history: such secrets are reported, not searched. */
export const MIN_SECRET_LENGTH = 8;
const MIN_FORM_LENGTH = 8;

/**
 * Base64 of the secret as it appears inside a longer base64 run: one form per alignment of the
 * secret in its 3-byte groups, keeping only the characters that depend on the secret alone (the
 * edge characters mix in neighbouring bytes, so they differ from copy to copy).
 */
function embeddedBase64(value: Buffer): string[] {
  const out: string[] = [];
  for (let a = 0; a < 3; a++) {
    const b64 = Buffer.concat([Buffer.alloc(a), value]).toString('base64').replace(/=+$/, '');
    const first = Math.ceil((8 * a) / 6);
    const end = Math.floor((8 * (a + value.length)) / 6);
    if (end - first >= MIN_FORM_LENGTH) out.push(b64.slice(first, end));
  }
  return out;
}

/** Every distinct form of one secret; the raw value first. */
export function patternsFor(keyId: string, secret: string): Pattern[] {
  const value = Buffer.from(secret, 'utf8');
  const seen = new Set<string>();
  const out: Pattern[] = [];
  const add = (form: string, encoding: LeakEncoding) => {
    if (form.length < MIN_FORM_LENGTH || seen.has(form)) return;
    seen.add(form);
    out.push({ bytes: Buffer.from(form, 'utf8'), keyId, encoding });
  };
  add(secret, 'raw');
  for (const b of embeddedBase64(value)) {
    add(b, 'base64');
    add(b.replace(/\+/g, '-').replace(/\//g, '_'), 'base64url');
  }
  add(encodeURIComponent(secret), 'url');
  add(value.toString('hex'), 'hex');
  add(value.toString('hex').toUpperCase(), 'hex');
  return out;
}
