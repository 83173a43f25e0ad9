import { describe, expect, it } from 'vitest';
import type { ExpiryEntry, ExpiryStatus } from '../../../shared/domain';
import { trayModel, TRAY_MAX_ITEMS } from '../../../electron/core/expiry/tray-model';
import { digestFor } from '../../../electron/core/expiry/notices';

const now = new Date('2026-11-23T12:00:00Z');
const entry = (over: Partial<ExpiryEntry>): ExpiryEntry => ({
  keyId: 'k_1', keyName: 'ci-deploy', provider: 'kernel-sh', workspaceName: 'Acme', environment: 'prod', tier: 'warn_3d', severity: 2,
  deadline: '2026-11-25T12:00:00.000Z', validFrom: null, createdAt: '2026-01-01T00:00:00.000Z', snoozed: false, ...over,
});
const status = (entries: ExpiryEntry[]): ExpiryStatus => ({ checkedAt: now.toISOString(), attentionCount: entries.filter((e) => e.severity > 0 && !e.snoozed).length, entries });

describe('tray and digest with the health flags (leaked, over policy)', () => {
  it('counts each key once: leaked keys first (a leaked secret works for someone else today), then expiry warnings, then over-policy keys', () => {
    const m = trayModel(status([entry({})]), now, {
      leaked: [{ keyId: 'k_2', keyName: 'web', findings: 2, exposed: true }],
      overPolicy: [{ keyId: 'k_1', keyName: 'ci-deploy' }, { keyId: 'k_3', keyName: 'yearly' }],
    });
    expect(m.badgeCount).toBe(3);
    expect(m.items.map((i) => i.label)).toEqual(['web — leaked (2 places, pushed)', 'Acme (prod) · ci-deploy — expires in 2 days', 'yearly — breaks its workspace policy']);
    expect(m.tooltip).toBe('Keydeck — 1 leaked key, 3 keys need attention');
    // A leaked key that also expires is listed once, as leaked.
    const both = trayModel(status([entry({})]), now, { leaked: [{ keyId: 'k_1', keyName: 'ci-deploy' }], overPolicy: [] });
    expect(both.items.map((i) => i.label)).toEqual(['ci-deploy — leaked: rotate it']);
    expect(both.badgeCount).toBe(1);
  });

  it('a snoozed expiry warning still counts when the key breaks its policy; the menu stays bounded', () => {
    const over = Array.from({ length: TRAY_MAX_ITEMS + 3 }, (_, i) => ({ keyId: `k_${i + 10}`, keyName: `old-${i}` }));
    const m = trayModel(status([entry({ snoozed: true })]), now, { leaked: [], overPolicy: [{ keyId: 'k_1', keyName: 'ci-deploy' }, ...over] });
    expect(m.badgeCount).toBe(over.length + 1);
    expect(m.items).toHaveLength(TRAY_MAX_ITEMS);
    // The snoozed warning is listed (marked) once; the flagged keys fill the rest of the menu.
    expect(m.moreCount).toBe(over.length + 1 - TRAY_MAX_ITEMS);
  });

  it('the digest names leaked and over-policy keys, and exists when only they need attention', () => {
    expect(digestFor(status([]), { leaked: [], overPolicy: [] })).toBeNull();
    expect(digestFor(status([]), { leaked: [{ keyId: 'k_9', keyName: 'web' }], overPolicy: [] })?.title).toBe('1 key needs attention: 1 leaked');
  });
});
