import { describe, expect, it } from 'vitest';
import { maskSecret } from '../../../electron/core/vault/mask';
import { keyStatus } from '../../../electron/core/vault/key-status';

describe('masked form', () => {
  it('keeps 8 + 4 characters of a long token', () => {
    expect(maskSecret('knl_sk_0123456789abcdef0123456789abcdef')).toBe('knl_sk_0…cdef');
  });
  it('shows less of a medium token', () => {
    expect(maskSecret('abcd1234efgh5678')).toBe('abcd…78');
  });
  it('shows nothing of a short token', () => {
    expect(maskSecret('short-token')).toBe('••••••');
  });
});

describe('key status', () => {
  const base = { revoked_at: null, remote_deleted_at: null, grace_until: null, expires_at: null };
  const now = new Date('2026-11-23T12:00:00Z');
  it('is active without dates', () => expect(keyStatus(base, now)).toBe('active'));
  it('is expired once expires_at has passed', () => {
    expect(keyStatus({ ...base, expires_at: '2026-11-23T11:59:59Z' }, now)).toBe('expired');
    expect(keyStatus({ ...base, expires_at: '2026-11-23T12:00:01Z' }, now)).toBe('active');
  });
  it('is in grace until the grace date, then expired', () => {
    expect(keyStatus({ ...base, grace_until: '2026-11-24T00:00:00Z' }, now)).toBe('grace');
    expect(keyStatus({ ...base, grace_until: '2026-11-22T00:00:00Z' }, now)).toBe('expired');
  });
  it('revoked wins over everything', () => {
    expect(keyStatus({ ...base, revoked_at: '2026-01-01T00:00:00Z', grace_until: '2027-01-01T00:00:00Z' }, now)).toBe('revoked');
  });
});
