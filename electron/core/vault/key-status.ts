import type { KeyStatus } from '../../../shared/domain';
import type { KeyRow } from '../store/rows';

/** Derived, not stored: a key expires by the clock passing, not by anyone writing a row. */
export function keyStatus(row: Pick<KeyRow, 'revoked_at' | 'remote_deleted_at' | 'grace_until' | 'expires_at'>, now: Date): KeyStatus {
  const t = now.getTime();
  if (row.revoked_at) return 'revoked';
  if (row.remote_deleted_at) return 'deleted_remote';
  if (row.grace_until) return Date.parse(row.grace_until) > t ? 'grace' : 'expired';
  if (row.expires_at && Date.parse(row.expires_at) <= t) return 'expired';
  return 'active';
}
