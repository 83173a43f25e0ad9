/**
 * Whether a masked form a service shows (`sk_eQx...abcd`, `knl_sk_852a…`) could be this secret.
 * Used once, at connect, to recognise the management key in its own workspace's list; needs at
 * least 6 visible characters so a short mask cannot match by chance.
 */
export function maskedMatches(masked: string, secret: string): boolean {
  const parts = masked.split(/\.{3}|…|\*{2,}|•+/);
  const head = parts[0] ?? '';
  const tail = parts.length > 1 ? (parts.at(-1) ?? '') : '';
  if (head.length + tail.length < 6) return false;
  return secret.startsWith(head) && secret.endsWith(tail) && secret.length >= head.length + tail.length;
}
