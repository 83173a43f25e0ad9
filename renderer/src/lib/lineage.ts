import type { KeySummary } from '../../../shared/domain';

/**
 * The current generation of each rotation lineage: keys no other key in the list replaced. The
 * table shows only these; earlier generations are the detail pane's history. Same rule as the
 * core's `keys.list { current: true }`.
 */
export function lineageHeads(keys: KeySummary[]): KeySummary[] {
  const ids = new Set(keys.map((k) => k.id));
  return keys.filter((k) => !k.supersededBy || !ids.has(k.supersededBy));
}

/** Where a lineage stands now: follows `supersededBy` from `id` to the newest key in the list. */
export function headOf(keys: KeySummary[], id: string): KeySummary | null {
  const byId = new Map(keys.map((k) => [k.id, k]));
  let k = byId.get(id) ?? null;
  for (let hops = 0; k?.supersededBy && byId.has(k.supersededBy) && hops < 1000; hops++) k = byId.get(k.supersededBy)!;
  return k;
}
