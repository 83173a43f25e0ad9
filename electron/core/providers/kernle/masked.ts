/**
 * Kernle's masked form: the 12-character prefix and an ellipsis (it never shows a tail). Its
 * list already appends "..." to the prefix while create and cycle return the bare 12 characters,
 * so any trailing dots or ellipsis are cut before Keydeck adds its own, and both read alike.
 */
export function kernleMasked(prefix: string | null | undefined): string {
  const bare = (prefix ?? '').replace(/(\.{2,}|…)+$/u, '');
  return bare ? `${bare}…` : '';
}
