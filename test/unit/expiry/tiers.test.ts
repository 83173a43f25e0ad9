import { describe, expect, it } from 'vitest';
import { nextBoundary, tierOf, type TierInput } from '../../../electron/core/expiry/tiers';

const DAY = 86_400_000;
const now = new Date('2026-11-23T12:00:00Z');
const key = (over: Partial<TierInput>): TierInput => ({ expiresAt: null, graceUntil: null, validFrom: null, revokedAt: null, remoteDeletedAt: null, supersededBy: null, ...over });
const at = (ms: number) => new Date(now.getTime() + ms).toISOString();
const tiers = [14, 3, 1];

describe('tiers', () => {
  it.each([
    [20 * DAY, 'ok', 0],
    [14 * DAY, 'warn_14d', 1],
    [4 * DAY, 'warn_14d', 1],
    [3 * DAY, 'warn_3d', 2],
    [2 * DAY, 'warn_3d', 2],
    [DAY, 'warn_1d', 3],
    [1000, 'warn_1d', 3],
    [0, 'expired', 4],
    [-5 * DAY, 'expired', 4],
  ])('%d ms left → %s', (left, tier, severity) => {
    expect(tierOf(key({ expiresAt: at(left) }), tiers, now)).toMatchObject({ tier, severity });
  });

  it('uses the grace end when it comes before the expiry', () => {
    expect(tierOf(key({ expiresAt: at(300 * DAY), graceUntil: at(2 * DAY) }), tiers, now)).toMatchObject({ tier: 'warn_3d', deadline: at(2 * DAY) });
  });

  it('follows per-key tiers', () => {
    expect(tierOf(key({ expiresAt: at(20 * DAY) }), [30, 7], now)).toMatchObject({ tier: 'warn_30d', severity: 1 });
    expect(tierOf(key({ expiresAt: at(0) }), [30, 7], now)).toMatchObject({ tier: 'expired', severity: 3 });
  });

  it('flags keys without expiry, not-yet-valid keys, and clears revoked, deleted or superseded ones', () => {
    expect(tierOf(key({}), tiers, now).tier).toBe('no_expiry');
    expect(tierOf(key({ validFrom: at(DAY), expiresAt: at(30 * DAY) }), tiers, now).tier).toBe('not_yet_valid');
    expect(tierOf(key({ expiresAt: at(-DAY), revokedAt: at(-DAY) }), tiers, now)).toMatchObject({ tier: 'inactive', severity: 0 });
    expect(tierOf(key({ expiresAt: at(DAY), remoteDeletedAt: at(0) }), tiers, now).tier).toBe('inactive');
    expect(tierOf(key({ expiresAt: at(DAY), supersededBy: 'k_new' }), tiers, now).tier).toBe('inactive');
  });

  it('knows the next instant a tier can change', () => {
    expect(nextBoundary(key({ expiresAt: at(20 * DAY) }), tiers, now)).toBe(now.getTime() + 6 * DAY);
    expect(nextBoundary(key({ expiresAt: at(2 * DAY) }), tiers, now)).toBe(now.getTime() + DAY);
    expect(nextBoundary(key({ expiresAt: at(-DAY) }), tiers, now)).toBeNull();
    expect(nextBoundary(key({}), tiers, now)).toBeNull();
    expect(nextBoundary(key({ validFrom: at(3600_000) }), tiers, now)).toBe(now.getTime() + 3600_000);
  });
});
