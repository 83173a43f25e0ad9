import type { KeySummary } from '../../../shared/domain';
import { daysUntil } from './time';

/** What the badge says. The core owns the status; "expiring" and "no expiry" are views of expiresAt. */
export type BadgeKind = 'active' | 'expiring' | 'expired' | 'revoked' | 'grace' | 'deleted_remote' | 'no-expiry';

export const EXPIRING_WITHIN_DAYS = 14;

export function badgeOf(key: KeySummary, now = Date.now()): BadgeKind {
  if (key.status !== 'active') return key.status;
  if (!key.expiresAt) return 'no-expiry';
  return daysUntil(key.expiresAt, now) <= EXPIRING_WITHIN_DAYS ? 'expiring' : 'active';
}

export const BADGE_LABELS: Record<BadgeKind, string> = {
  active: 'Active',
  expiring: 'Expiring',
  expired: 'Expired',
  revoked: 'Revoked',
  grace: 'Grace period',
  deleted_remote: 'Gone at provider',
  'no-expiry': 'No expiry',
};
