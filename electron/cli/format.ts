import type { KeySummary, Workspace } from '../../shared/domain';

function table(rows: string[][]): string {
  if (rows.length === 0) return '';
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd()).join('\n');
}

export function workspacesTable(list: Workspace[]): string {
  if (list.length === 0) return 'No workspaces yet. Add one: keydeck workspace add --name Acme --provider kernel-sh --env prod';
  return table([['ID', 'NAME', 'SERVICE', 'ENV', 'KEYS', 'BASE URL'], ...list.map((w) => [w.id, w.name, w.provider, w.environment, String(w.keyCount), w.baseUrl])]);
}

export function keysTable(list: KeySummary[]): string {
  if (list.length === 0) return 'No keys match.';
  return table([
    ['ID', 'NAME', 'SERVICE', 'KEY', 'STATUS', 'EXPIRES'],
    ...list.map((k) => [k.id, k.name, k.provider, k.masked, k.status, k.expiresAt?.slice(0, 10) ?? 'never']),
  ]);
}
