import type { Tier } from '../../../shared/domain';

const DAY = 86_400_000;

export interface TierInput {
  expiresAt: string | null;
  graceUntil: string | null;
  validFrom: string | null;
  revokedAt: string | null;
  remoteDeletedAt: string | null;
  supersededBy: string | null;
}

export interface TierResult {
  tier: Tier;
  severity: number;
  deadline: string | null;
}

/** The moment the key stops working: the end of its grace period if it has one, else its expiry. */
export function deadlineOf(k: Pick<TierInput, 'expiresAt' | 'graceUntil'>): string | null {
  if (k.graceUntil && k.expiresAt) return Date.parse(k.graceUntil) < Date.parse(k.expiresAt) ? k.graceUntil : k.expiresAt;
  return k.graceUntil ?? k.expiresAt;
}

/**
 * Pure: a key's tier at `now` given its warning days (most distant first). Revoked, deleted
 * and superseded keys are "inactive": a rotation or revocation clears the warning.
 */
export function tierOf(k: TierInput, warningDays: readonly number[], now: Date): TierResult {
  const deadline = deadlineOf(k);
  if (k.revokedAt || k.remoteDeletedAt || k.supersededBy) return { tier: 'inactive', severity: 0, deadline };
  const t = now.getTime();
  if (k.validFrom && Date.parse(k.validFrom) > t) return { tier: 'not_yet_valid', severity: 0, deadline };
  if (!deadline) return { tier: 'no_expiry', severity: 0, deadline };
  const left = Date.parse(deadline) - t;
  if (left <= 0) return { tier: 'expired', severity: warningDays.length + 1, deadline };
  // The closest threshold that has been crossed: 2 days left with [14, 3, 1] is "within 3 days".
  for (let i = warningDays.length - 1; i >= 0; i--) {
    const days = warningDays[i]!;
    if (left <= days * DAY) return { tier: `warn_${days}d`, severity: i + 1, deadline };
  }
  return { tier: 'ok', severity: 0, deadline };
}

/** The next instant after `now` at which this key's tier can change, or null if never. */
export function nextBoundary(k: TierInput, warningDays: readonly number[], now: Date): number | null {
  if (k.revokedAt || k.remoteDeletedAt || k.supersededBy) return null;
  const t = now.getTime();
  const candidates: number[] = [];
  if (k.validFrom) candidates.push(Date.parse(k.validFrom));
  const deadline = deadlineOf(k);
  if (deadline) {
    const d = Date.parse(deadline);
    candidates.push(d, ...warningDays.map((days) => d - days * DAY));
  }
  const future = candidates.filter((c) => c > t);
  return future.length ? Math.min(...future) : null;
}
