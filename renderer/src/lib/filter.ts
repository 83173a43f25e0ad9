import type { KeySummary, ProviderId } from '../../../shared/domain';
import { worksAt } from '../../../shared/domain';
import { deadlineOf, type Badge, type StatusFilter } from './status';

export type SortKey = 'name' | 'service' | 'status' | 'expires';
export interface Sort {
  by: SortKey;
  dir: 'asc' | 'desc';
}

export interface KeyFilters {
  query: string;
  workspaceId: string | null;
  provider: ProviderId | null;
  status: StatusFilter | null;
  /** Keys whose deadline is within this many days (expired ones included). */
  expiringWithinDays: number | null;
  /** Revoked keys are leftovers of rotations and revocations: hidden unless asked for (or filtered for). */
  showRevoked: boolean;
}

export const NO_FILTERS: KeyFilters = { query: '', workspaceId: null, provider: null, status: null, expiringWithinDays: null, showRevoked: false };

/** Most urgent first when sorting by status. */
const STATUS_RANK: Record<Badge['kind'], number> = {
  attention: 0, expired: 1, expiring: 2, grace: 3, 'not-yet-valid': 4, deleted_remote: 5, 'no-expiry': 6, active: 7, revoked: 8,
};

export interface Indexed {
  key: KeySummary;
  badge: Badge;
  /** Lower-cased name, masked form, scopes, project, workspace and environment, joined once per list so a keystroke is a scan. */
  haystack: string;
  deadline: number;
  serviceLabel: string;
}

export function indexKeys(keys: KeySummary[], badges: (k: KeySummary) => Badge, serviceLabel: (k: KeySummary) => string, workspaceText: (k: KeySummary) => string = () => ''): Indexed[] {
  return keys.map((key) => {
    const deadline = deadlineOf(key);
    return {
      key,
      badge: badges(key),
      haystack: `${key.name}\n${key.masked}\n${key.scopes.join(' ')}\n${key.projectId ?? ''}\n${workspaceText(key)}`.toLowerCase(),
      deadline: deadline ? Date.parse(deadline) : Number.POSITIVE_INFINITY,
      serviceLabel: serviceLabel(key),
    };
  });
}

// One collator for every comparison: String#localeCompare builds one per call, which is what makes sorting 10,000 keys slow.
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
const byName = (a: Indexed, b: Indexed) => collator.compare(a.key.name, b.key.name) || (a.key.id < b.key.id ? -1 : a.key.id > b.key.id ? 1 : 0);

export function sortIndexed(items: Indexed[], sort: Sort): Indexed[] {
  const cmp: (a: Indexed, b: Indexed) => number =
    sort.by === 'name'
      ? byName
      : sort.by === 'service'
        ? (a, b) => collator.compare(a.serviceLabel, b.serviceLabel) || byName(a, b)
        : sort.by === 'status'
          ? (a, b) => STATUS_RANK[a.badge.kind] - STATUS_RANK[b.badge.kind] || a.deadline - b.deadline || byName(a, b)
          : (a, b) => (a.deadline === b.deadline ? byName(a, b) : a.deadline < b.deadline ? -1 : 1);
  const sorted = [...items].sort(cmp);
  return sort.dir === 'asc' ? sorted : sorted.reverse();
}

const DAY = 86_400_000;

/** Filters an already sorted list, keeping its order: one pass, no allocation per key. */
export function filterIndexed(items: Indexed[], f: KeyFilters, now: number): Indexed[] {
  const q = f.query.trim().toLowerCase();
  const horizon = f.expiringWithinDays === null ? null : now + f.expiringWithinDays * DAY;
  const out: Indexed[] = [];
  for (const item of items) {
    const k = item.key;
    if (f.workspaceId !== null && k.workspaceId !== f.workspaceId) continue;
    if (f.provider !== null && k.provider !== f.provider) continue;
    if (f.status === 'working' ? !worksAt(k, now) : f.status !== null && item.badge.kind !== f.status) continue;
    if (!f.showRevoked && f.status !== 'revoked' && k.status === 'revoked') continue;
    if (horizon !== null && (item.deadline > horizon || k.status === 'revoked' || k.status === 'deleted_remote')) continue;
    if (q && !item.haystack.includes(q)) continue;
    out.push(item);
  }
  return out;
}

export function hasFilters(f: KeyFilters): boolean {
  return f.query.trim() !== '' || f.provider !== null || f.status !== null || f.expiringWithinDays !== null;
}
