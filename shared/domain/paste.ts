import { PROVIDERS, type ProviderId } from './provider';
import { recognise } from './recognise-token';

export interface InterpretedPaste {
  /** What to store as the secret. */
  value: string;
  /** Set when the paste was an assignment (`KERNEL_API_KEY=sk_…`): the variable it came from. */
  variable?: string;
  /** A key name derived from the variable (`kernel-api-key`). */
  suggestedName?: string;
  /** The service the variable's name (or the value's prefix) points to. */
  suggestedProvider?: ProviderId;
}

// Upper-case names only: a base64 token with `=` padding must never be read as NAME=VALUE.
const ASSIGNMENT = /^(?:export[ \t]+)?([A-Z_][A-Z0-9_]*)[ \t]*=[ \t]*(.*)$/;

/**
 * A pasted `.env` line (`KERNEL_API_KEY=sk_…`, `export KERNEL_API_KEY="sk_…"  # prod`) gives its
 * value, and a name and service from its variable, instead of being stored whole. Anything
 * else, including several lines, comes back unchanged for the usual checks to judge.
 */
export function interpretPaste(text: string): InterpretedPaste {
  const trimmed = text.trim();
  const m = ASSIGNMENT.exec(trimmed);
  if (!m || trimmed.includes('\n')) return { value: text };
  const value = unquote(m[2]!);
  if (value === null || value === '') return { value: text };
  const variable = m[1]!;
  const rec = recognise(variable, value);
  const provider = rec?.provider ?? Object.values(PROVIDERS).find((p) => p.envVar === variable)?.id;
  return { value, variable, suggestedName: variable.toLowerCase().replace(/_/g, '-'), ...(provider ? { suggestedProvider: provider } : {}) };
}

/** One value as a `.env` line holds it: quoted (a comment may follow) or bare (a ` #` starts a comment). */
function unquote(raw: string): string | null {
  const q = raw[0];
  if (q === '"' || q === "'" || q === '`') {
    const end = raw.indexOf(q, 1);
    if (end < 0 || !/^[ \t]*(?:#.*)?$/.test(raw.slice(end + 1))) return null;
    return raw.slice(1, end);
  }
  return raw.replace(/[ \t]+#.*$/, '').trim();
}
