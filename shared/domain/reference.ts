import { z } from 'zod';
import { lazySchema } from '../lazy-schema';

/**
 * `keydeck://<workspace>/<key>`: a key named the way a person names it. The workspace is its
 * name (or id where two share a name), `-` for keys outside any workspace; the key is its handle
 * or name. Both compare without case. A reference follows the key's rotations (core/vault/references.ts).
 */
export const REFERENCE_SCHEME = 'keydeck://';
export const NO_WORKSPACE = '-';

/** Characters that would end a reference in a template, a .env value or a shell word are %-encoded. */
const UNSAFE = /[%/\s{}?#"'`\\]/g;

export function encodeSegment(text: string): string {
  return text.replace(UNSAFE, (c) => (c.charCodeAt(0) < 128 ? `%${c.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}` : encodeURIComponent(c)));
}

function decodeSegment(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export interface ParsedReference {
  /** null: the reference named no workspace (`keydeck://ci-deploy`), so any may hold the key. */
  workspace: string | null;
  key: string;
}

export const isReference = (text: string): boolean => text.slice(0, REFERENCE_SCHEME.length).toLowerCase() === REFERENCE_SCHEME;

/** null when the text is not a well-formed reference. */
export function parseReference(text: string): ParsedReference | null {
  if (!isReference(text)) return null;
  const parts = text.slice(REFERENCE_SCHEME.length).split('/');
  if (parts.length === 1 && parts[0]) return { workspace: null, key: decodeSegment(parts[0]) };
  if (parts.length === 2 && parts[0] && parts[1]) return { workspace: decodeSegment(parts[0]), key: decodeSegment(parts[1]) };
  return null;
}

export function formatReference(workspace: string | null, key: string): string {
  return `${REFERENCE_SCHEME}${workspace === null ? NO_WORKSPACE : encodeSegment(workspace)}/${encodeSegment(key)}`;
}

/** What a user may set as a handle: a word a shell, a URL and a .env file all leave alone. */
export const HandleSchema = lazySchema(() =>
  z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1–64 letters, digits, dots, dashes or underscores, starting with a letter or digit')
    .refine((h) => !/^[kw]_/i.test(h), 'must not start with k_ or w_ (those are ids)')
);

export const KeyReferenceSchema = lazySchema(() =>
  z.object({
    id: z.string(),
    /** The canonical reference; it resolves to this key's lineage head. */
    reference: z.string(),
    handle: z.string().nullable(),
    /** The key the reference resolves to today (this key, or its replacement after a rotation); null when it does not resolve. */
    resolvesTo: z.string().nullable(),
    /** Why the reference does not resolve to this key, written for a person (ambiguous name, revoked…); null when it does. */
    problem: z.string().nullable(),
  })
);
export type KeyReference = z.infer<typeof KeyReferenceSchema>;

/** The reference a `.env` import writes: the resolver's spelling, lower-cased (references compare without case). */
export function referenceFor(workspaceName: string, keyName: string): string {
  return formatReference(workspaceName.toLowerCase(), keyName.toLowerCase());
}
