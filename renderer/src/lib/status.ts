import type { ExpiryEntry, KeySummary } from '../../../shared/domain';

/**
 * What a key's badge says. The core owns the status and the tier (expiry.status); this only
 * picks the most useful of them to show, worst first.
 */
export type BadgeKind = 'active' | 'expiring' | 'expired' | 'revoked' | 'grace' | 'deleted_remote' | 'no-expiry' | 'not-yet-valid' | 'attention';

export interface Badge {
  kind: BadgeKind;
  label: string;
  /** Expiring: the tier's day count ("within 3 days"); 1 is the most urgent. */
  tierDays?: number;
  /** Grace: until when the old key keeps working. */
  until?: string;
}

export const BADGE_LABELS: Record<BadgeKind, string> = {
  active: 'Active',
  expiring: 'Expiring',
  expired: 'Expired',
  revoked: 'Revoked',
  grace: 'Grace',
  deleted_remote: 'Gone at provider',
  'no-expiry': 'No expiry',
  'not-yet-valid': 'Not yet valid',
  attention: 'Needs attention',
};

/** The status filter's choices: "Working" first (what you can use now), then in the order a person triages. */
export const STATUS_FILTERS = ['working', 'attention', 'expiring', 'expired', 'grace', 'not-yet-valid', 'revoked', 'deleted_remote', 'no-expiry', 'active'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export const STATUS_FILTER_LABELS: Record<StatusFilter, string> = { ...BADGE_LABELS, working: 'Working' };


const DAY = 86_400_000;
/** Until expiry.status answers for a key (it was just added): the settings' tiers, or the defaults. */
const DEFAULT_TIERS = [14, 3, 1];

export function tierDays(tier: string): number | null {
  const m = /^warn_(\d+)d$/.exec(tier);
  return m ? Number(m[1]) : null;
}

export function badgeOf(key: KeySummary, entry: ExpiryEntry | undefined, needsAttention: boolean, now: number, tiers: number[] = DEFAULT_TIERS): Badge {
  if (key.status === 'revoked') return { kind: 'revoked', label: BADGE_LABELS.revoked };
  if (key.status === 'deleted_remote') return { kind: 'deleted_remote', label: BADGE_LABELS.deleted_remote };
  if (needsAttention) return { kind: 'attention', label: BADGE_LABELS.attention };
  if (key.status === 'grace') return { kind: 'grace', label: BADGE_LABELS.grace, ...(key.graceUntil ? { until: key.graceUntil } : {}) };
  if (key.status === 'expired' || entry?.tier === 'expired') return { kind: 'expired', label: BADGE_LABELS.expired };
  if (entry) {
    const days = tierDays(entry.tier);
    if (days !== null) return { kind: 'expiring', label: BADGE_LABELS.expiring, tierDays: days };
    if (entry.tier === 'not_yet_valid') return { kind: 'not-yet-valid', label: BADGE_LABELS['not-yet-valid'] };
    if (entry.tier === 'no_expiry') return { kind: 'no-expiry', label: BADGE_LABELS['no-expiry'] };
    if (entry.tier === 'ok') return { kind: 'active', label: BADGE_LABELS.active };
  }
  if (!key.expiresAt) return { kind: 'no-expiry', label: BADGE_LABELS['no-expiry'] };
  const left = Date.parse(key.expiresAt) - now;
  if (left <= 0) return { kind: 'expired', label: BADGE_LABELS.expired };
  const tier = [...tiers].sort((a, b) => a - b).find((d) => left <= d * DAY);
  if (tier !== undefined) return { kind: 'expiring', label: BADGE_LABELS.expiring, tierDays: tier };
  return { kind: 'active', label: BADGE_LABELS.active };
}

/** The moment the key stops working: grace end first, then expiry. */
export function deadlineOf(key: KeySummary): string | null {
  return key.status === 'grace' && key.graceUntil ? key.graceUntil : key.expiresAt;
}
