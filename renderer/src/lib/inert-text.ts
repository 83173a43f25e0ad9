/**
 * Names come from services and pastes. A right-to-left override or isolate inside one would
 * reorder what the user reads ("invoice‮gpj.exe" shows as "invoiceexe.jpg"); zero-width
 * characters make two different names look the same. Shown escaped (`\u202e`), as the CLI does;
 * the CSS isolates each name so legitimate right-to-left text cannot reorder its neighbours.
 */
const INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

export function inertText(text: string): string {
  return text.replace(INVISIBLE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
