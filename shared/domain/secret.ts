/**
 * What a token may hold. Every service Keydeck knows issues tokens from the RFC 6750 b64token
 * alphabet (letters, digits, `-._~+/` and trailing `=`); `:` is allowed for `id:secret` pairs.
 * Anything else is a paste gone wrong (a zero-width space, a curly quote, a line break) or a
 * hostile answer: a `$(…)` or a backtick would run when a `.env` holding it is sourced, a
 * control byte would break the Authorization header. Refusing at the door keeps them out of the
 * keychain, the HTTP layer and every file Keydeck writes.
 */
export const TOKEN_ALPHABET = /^[A-Za-z0-9\-._~+/=:]+$/;

const ZERO_WIDTH = new Set([0x00ad, 0x034f, 0x180e, 0x200b, 0x200c, 0x200d, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xfeff]);
const BIDI = new Set([0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]);

/** The kind of character found, in words a person understands; never the character itself. */
export function characterClass(code: number, loneSurrogate: boolean): string {
  if (loneSurrogate) return 'a broken character (half of a UTF-16 pair)';
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return 'a control character';
  if (code === 0x20 || /\s/.test(String.fromCodePoint(code))) return 'a space';
  if (ZERO_WIDTH.has(code)) return 'an invisible zero-width character';
  if (BIDI.has(code)) return 'a text-direction control character';
  if (code > 0x7e) return 'a non-ASCII character';
  return 'a quote, shell or punctuation character no token uses';
}

/**
 * Why `value` (already trimmed) cannot be a token, or null when it can. The message names the
 * character class, its code point and its position, so a user can find a stray invisible
 * character; it never quotes the secret.
 */
export function secretProblem(value: string): string | null {
  if (TOKEN_ALPHABET.test(value)) return null;
  let position = 0;
  for (let i = 0; i < value.length; i++) {
    position++;
    const unit = value.charCodeAt(i);
    let code = unit;
    let lone = false;
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        code = value.codePointAt(i)!;
        i++;
      } else lone = true;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) lone = true;
    if (!lone && code < 0x80 && TOKEN_ALPHABET.test(String.fromCharCode(code))) continue;
    const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
    return `holds ${characterClass(code, lone)} (${hex}) at position ${position}; tokens hold only letters, digits and - . _ ~ + / = :`;
  }
  return null;
}
