import { useMemo } from 'react';
import type { ExpiryEntry, KeySummary } from '../../../shared/domain';
import { useVault } from '../store/vault-store';
import { useView } from '../store/view-store';
import { filterIndexed, indexKeys, sortIndexed, type Indexed } from './filter';
import { badgeOf } from './status';
import { lineageHeads } from './lineage';

/** Keys by id with their badge, indexed for search; recomputed only when the core's data changes. */
export function useIndexedKeys(): Indexed[] {
  const keys = useVault((s) => s.keys);
  const expiry = useVault((s) => s.expiry);
  const attention = useVault((s) => s.attention);
  const providers = useVault((s) => s.providers);
  const tiers = useVault((s) => s.settings?.warningDays);
  const workspaces = useVault((s) => s.workspaces);
  return useMemo(() => {
    const wsText = new Map(workspaces.map((w) => [w.id, `${w.name} ${w.environment}`]));
    const entries = new Map<string, ExpiryEntry>((expiry?.entries ?? []).map((e) => [e.keyId, e]));
    const needs = new Set(attention.flatMap((a) => (a.keyId ? [a.keyId] : [])));
    const labels = new Map(providers.map((p) => [p.id, p.label]));
    const now = Date.now();
    return indexKeys(
      lineageHeads(keys),
      (k: KeySummary) => badgeOf(k, entries.get(k.id), needs.has(k.id), now, tiers),
      (k) => labels.get(k.provider) ?? k.provider,
      (k) => (k.workspaceId ? wsText.get(k.workspaceId) ?? '' : ''),
    );
  }, [keys, expiry, attention, providers, tiers, workspaces]);
}

/** What the table shows: sorted once per data or sort change, then filtered per keystroke. */
export function useVisibleKeys(): { all: Indexed[]; visible: Indexed[] } {
  const all = useIndexedKeys();
  const sort = useView((s) => s.sort);
  const query = useView((s) => s.query);
  const workspaceId = useView((s) => s.workspaceId);
  const provider = useView((s) => s.provider);
  const status = useView((s) => s.status);
  const expiringWithinDays = useView((s) => s.expiringWithinDays);
  const showRevoked = useView((s) => s.showRevoked);
  const sorted = useMemo(() => sortIndexed(all, sort), [all, sort]);
  const visible = useMemo(
    () => filterIndexed(sorted, { query, workspaceId, provider, status, expiringWithinDays, showRevoked }, Date.now()),
    [sorted, query, workspaceId, provider, status, expiringWithinDays, showRevoked],
  );
  return { all, visible };
}

/** Keys in a warning tier (not snoozed) or waiting on the user, per workspace: the sidebar's counts. */
export function useAttentionByWorkspace(): { byWorkspace: Map<string, number>; total: number } {
  const keys = useVault((s) => s.keys);
  const needs = useVault((s) => s.needs);
  return useMemo(() => {
    const ids = new Set(needs?.keyIds ?? []);
    const byWorkspace = new Map<string, number>();
    for (const k of keys) {
      if (ids.has(k.id) && k.workspaceId) byWorkspace.set(k.workspaceId, (byWorkspace.get(k.workspaceId) ?? 0) + 1);
    }
    // The total is the core's count, so it is the number `keydeck attention` reports.
    return { byWorkspace, total: needs?.count ?? 0 };
  }, [keys, needs]);
}
