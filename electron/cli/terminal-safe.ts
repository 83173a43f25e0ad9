/**
 * Text from a service or a user (key names, error messages, paths) reaches a terminal that
 * obeys what it is sent: ESC sequences set the clipboard (OSC 52), the window title or hidden
 * hyperlinks, CR overwrites a line, bidi overrides reorder it. Every such character is shown
 * escaped instead, in a form a person can read and a JSON parser would accept inside a string
 * (`\u202e`); C0/C1 controls are shown as `\x1b` so they stand out.
 */
// C0 (but tab and newline, handled below), DEL, C1; zero-width, bidi, line/paragraph separators; lone surrogates.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const escapeOne = (ch: string): string => {
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
};

/** One cell or value: every control character escaped, newlines and tabs included. */
export function safeForTerminal(text: string): string {
  return text.replace(UNSAFE, escapeOne);
}

/** Whole lines of output: newlines (and tabs) keep their meaning, everything else as above. */
export function safeLinesForTerminal(text: string): string {
  return text.replace(UNSAFE, (ch) => (ch === '\n' || ch === '\t' ? ch : escapeOne(ch)));
}
