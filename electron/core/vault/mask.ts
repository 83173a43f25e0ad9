/**
 * The form shown in lists. Long tokens keep the first 8 and last 4 characters (the providers'
 * own CLIs show as much); shorter ones reveal less, because 12 of 16 characters would be most of it.
 */
export function maskSecret(secret: string): string {
  if (secret.length >= 24) return `${secret.slice(0, 8)}…${secret.slice(-4)}`;
  if (secret.length >= 16) return `${secret.slice(0, 4)}…${secret.slice(-2)}`;
  return '••••••';
}
