import { parse as dotenvParse } from 'dotenv';

/** One assignment of a `.env` file, with the exact span of its value in the file's text. */
export interface EnvAssignment {
  /** 1-based, as an editor shows it. */
  line: number;
  name: string;
  value: string;
  quote: '' | "'" | '"' | '`';
  /** Offsets in the decoded text of the value's raw characters (inside the quotes). */
  start: number;
  end: number;
  /** False when Keydeck could not read the value exactly as dotenv does: such a line is left alone. */
  exact: boolean;
}

const HEAD = /^[ \t]*(?:export[ \t]+)?([\w.-]+)[ \t]*=[ \t]*/;

/**
 * A line-preserving tokenizer: dotenv's `parse` gives values but no positions, and the rewrite
 * must replace exactly the value's characters and nothing else. Every assignment read here is
 * cross-checked against dotenv's own `parse` of the same line; a disagreement (a multi-line
 * value, an escape Keydeck does not model) marks the assignment inexact, and it is left alone.
 */
export function tokenizeEnv(text: string): EnvAssignment[] {
  const out: EnvAssignment[] = [];
  let offset = 0;
  let lineNo = 0;
  for (const raw of text.split('\n')) {
    lineNo++;
    const lineStart = offset;
    offset += raw.length + 1;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const head = HEAD.exec(line);
    if (!head) continue;
    const name = head[1]!;
    const rest = line.slice(head[0].length);
    const valueAt = lineStart + head[0].length;
    const a = readValue(rest);
    if (!a) {
      out.push({ line: lineNo, name, value: '', quote: '', start: valueAt, end: valueAt, exact: false });
      continue;
    }
    const parsed = dotenvParse(line)[name];
    out.push({ line: lineNo, name, value: a.value, quote: a.quote, start: valueAt + a.from, end: valueAt + a.to, exact: parsed === a.value });
  }
  return out;
}

function readValue(rest: string): { value: string; quote: EnvAssignment['quote']; from: number; to: number } | null {
  const q = rest[0];
  if (q === "'" || q === '"' || q === '`') {
    let i = 1;
    while (i < rest.length && rest[i] !== q) i += q === '"' && rest[i] === '\\' ? 2 : 1;
    if (i >= rest.length) return null; // unterminated here: a multi-line value
    const after = rest.slice(i + 1);
    if (!/^[ \t]*(?:#.*)?$/.test(after)) return null;
    const inner = rest.slice(1, i);
    const value = q === '"' ? inner.replace(/\\n/g, '\n').replace(/\\r/g, '\r') : inner;
    return { value, quote: q, from: 1, to: i };
  }
  const hash = rest.indexOf('#');
  const body = hash < 0 ? rest : rest.slice(0, hash);
  const value = body.trim();
  const from = body.length - body.trimStart().length;
  return { value, quote: '', from, to: from + value.length };
}
