/**
 * The one place a reference is spelled. The reference resolver (issue 9, other half) owns the
 * format; at integration this delegates to its formatter.
 *
 * Names are lower-cased (references are case-insensitive) and percent-encoded with
 * `encodeURIComponent`, so a space becomes `%20` and a slash `%2F`: the reference stays one
 * unquoted shell/.env word and `/` only ever separates workspace from key.
 */
export function referenceFor(workspaceName: string, keyName: string): string {
  return `keydeck://${encodeURIComponent(workspaceName.toLowerCase())}/${encodeURIComponent(keyName.toLowerCase())}`;
}

export const isReference = (value: string): boolean => value.toLowerCase().startsWith('keydeck://');
