import { describe, expect, it } from 'vitest';
import { describePolicy, expiryDateBreach, latestAllowedDate, lifetimeBreach, NO_POLICY, violationOf } from '../../../shared/domain';

const now = new Date('2026-11-23T12:00:00Z');
const prod = { maxLifetimeDays: 90, noNeverExpiring: true, rotateEveryDays: null };

describe('lifetime policy rules (pure: the window and the core use the same ones)', () => {
  it('allows a lifetime at the maximum and refuses one day more, naming the workspace and the rule', () => {
    expect(lifetimeBreach(prod, 'prod', 90)).toBeNull();
    expect(lifetimeBreach(prod, 'prod', 91)?.message).toBe('Workspace “prod” allows keys of at most 90 days (policy: maximum lifetime).');
    expect(lifetimeBreach(prod, 'prod', null)?.rule).toBe('no never-expiring keys');
    // A maximum alone also rules out "never": a key that never expires lives longer than any maximum.
    expect(lifetimeBreach({ ...NO_POLICY, maxLifetimeDays: 30 }, 'ci', null)?.rule).toBe('maximum lifetime');
    expect(lifetimeBreach({ ...NO_POLICY, noNeverExpiring: true }, 'ci', 3650)).toBeNull();
    expect(lifetimeBreach(NO_POLICY, 'dev', null)).toBeNull();
  });

  it('checks a typed expiry date from today, with the latest allowed date to offer', () => {
    expect(latestAllowedDate(prod, now)).toBe('2027-02-21');
    expect(expiryDateBreach(prod, 'prod', '2027-02-21', now)).toBeNull();
    expect(expiryDateBreach(prod, 'prod', '2027-02-23', now)?.rule).toBe('maximum lifetime');
    expect(expiryDateBreach(prod, 'prod', undefined, now)?.rule).toBe('no never-expiring keys');
  });

  it('flags existing keys with the date they should be rotated by', () => {
    const created = '2026-10-01T00:00:00.000Z';
    // Made for a year under a 90-day maximum: rotate by created + 90 days, even before that date.
    expect(violationOf(prod, 'lifetime', { createdAt: created, expiresAt: '2027-10-01T00:00:00.000Z' }, now)).toEqual({ rule: 'maximum lifetime', rotateBy: '2026-12-30T00:00:00.000Z' });
    expect(violationOf(prod, 'lifetime', { createdAt: created, expiresAt: '2026-12-30T00:00:00.000Z' }, now)).toBeNull();
    // Never-expiring under "no never-expiring keys": rotate now.
    expect(violationOf(prod, 'lifetime', { createdAt: created, expiresAt: null }, now)).toEqual({ rule: 'no never-expiring keys', rotateBy: now.toISOString() });
    expect(violationOf({ ...NO_POLICY, maxLifetimeDays: 90 }, 'lifetime', { createdAt: created, expiresAt: null }, now)?.rotateBy).toBe('2026-12-30T00:00:00.000Z');
  });

  it('a rotation age is broken once the key is older than it (services whose keys cannot expire)', () => {
    const age = { ...NO_POLICY, rotateEveryDays: 30 };
    expect(violationOf(age, 'rotation-age', { createdAt: '2026-10-24T12:00:00.000Z', expiresAt: null }, now)).toBeNull();
    expect(violationOf(age, 'rotation-age', { createdAt: '2026-10-23T11:00:00.000Z', expiresAt: null }, now)).toEqual({ rule: 'rotation age', rotateBy: '2026-11-22T11:00:00.000Z' });
    expect(describePolicy(age, 'rotation-age')).toBe('rotate every 30 days');
    expect(describePolicy(prod, 'lifetime')).toBe('at most 90 days, no never-expiring keys');
  });
});
