import type { ExpiryStatus, KeySummary, Workspace } from '../../shared/domain';
import type { SyncReport } from '../../shared/contract/sync';
import type { NeedsAttention } from '../../shared/contract/attention';
import { expiryPhrase } from '../core/expiry/notices';
import { safeForTerminal } from './terminal-safe';

/** Every cell is service or user data: escaped before it is measured, so padding stays right. */
function table(raw: string[][]): string {
  if (raw.length === 0) return '';
  const rows = raw.map((r) => r.map(safeForTerminal));
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

export function syncLine(r: SyncReport): string {
  const identity = safeForTerminal(r.identity);
  return r.listed ? `Synced as ${identity}: ${r.total} keys (${r.added} new, ${r.updated} updated, ${r.markedDeleted} gone at the service)` : `Verified as ${identity} (this service has no key list to sync)`;
}

export function expiryTable(s: ExpiryStatus): string {
  const now = new Date(s.checkedAt);
  const rows = s.entries.filter((e) => e.tier !== 'inactive' && e.tier !== 'ok');
  if (rows.length === 0) return 'No key expires within its warning tiers.';
  return table([['KEY', 'NAME', 'WORKSPACE', 'STATE'], ...rows.map((e) => [e.keyId, e.keyName, e.workspaceName ?? '', `${expiryPhrase(e, now)}${e.snoozed ? ' (snoozed)' : ''}`])]);
}

/** `keydeck attention`: the window's "Needs attention" view, as lines. */
export function attentionText(a: NeedsAttention, now: Date): string {
  const head = `${a.count} ${a.count === 1 ? 'thing needs' : 'things need'} attention`;
  const rotations = a.rotations.map((i) => `  ${i.kind.padEnd(20)} ${safeForTerminal(i.message)}`);
  const warnings = a.warnings.map((e) => `  ${'expiry'.padEnd(20)} ${safeForTerminal(e.keyName)}${e.workspaceName ? ` · ${safeForTerminal(e.workspaceName)}` : ''}: ${expiryPhrase(e, now)}`);
  return [head, ...rotations, ...warnings].join('\n');
}
