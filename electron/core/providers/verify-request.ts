import type { QueryValue } from '../http';

/** A verify path as a person types it (`/user/fetch?uid=42`) split into the path and query the HTTP layer takes. */
export function splitVerifyPath(raw: string): { path: string; query: Record<string, QueryValue> } {
  const at = raw.indexOf('?');
  if (at < 0) return { path: raw, query: {} };
  return { path: raw.slice(0, at), query: Object.fromEntries(new URLSearchParams(raw.slice(at + 1))) };
}
