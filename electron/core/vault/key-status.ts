import type { KeyStatus } from '../../../shared/domain';
import type { KeyRow } from '../store/rows';

/** Derived, not stored: a key expires by the clock passing, not by anyone writing a row. */
export function keyStatus(row: Pick<KeyRow, 'revoked_at' | 'remote_deleted_at' | 'grace_until' | 'expires_at'>, now: Date): KeyStatus {
  return statusOf(row.revoked_at, row.remote_deleted_at, row.grace_until, row.expires_at, now.getTime());
}

/** The same verdict from the bare columns, for the list's hot loop (no row object, no Date). */
export function statusOf(revokedAt: string | null, remoteDeletedAt: string | null, graceUntil: string | null, expiresAt: string | null, t: number): KeyStatus {
  if (revokedAt) return 'revoked';
  if (remoteDeletedAt) return 'deleted_remote';
  if (graceUntil) return Date.parse(graceUntil) > t ? 'grace' : 'expired';
  if (expiresAt && Date.parse(expiresAt) <= t) return 'expired';
  return 'active';
}
