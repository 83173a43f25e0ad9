import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SETTLE_MS } from '../../../electron/core/expiry/scheduler';
import { clientFor, makeTestCore, must, type TestCore } from '../../helpers/test-core';

const DAY = 86_400_000;
const HOUR = 3_600_000;

describe('the expiry watcher moving through a key\'s life', () => {
  let core: TestCore;
  let api: ReturnType<typeof clientFor>;
  beforeEach(() => {
    core = makeTestCore();
    api = clientFor(core.router);
  });
  afterEach(() => core.cleanup());

  const importExpiring = async (name: string, inMs: number, extra: Record<string, unknown> = {}) => {
    const expiresAt = new Date(core.clock.now().getTime() + inMs).toISOString();
    return must(api.invoke('keys.import', { name, provider: 'kernel-sh', secret: `sk_${name}_${'x'.repeat(24)}`, expiresAt, ...extra }));
  };
  const check = () => must(api.invoke('expiry.check', {}));

  it('announces each tier once, in order, replacing the previous notice', async () => {
    const ws = await must(api.invoke('workspaces.add', { name: 'Acme', provider: 'kernel-sh', environment: 'prod' }));
    const key = await importExpiring('ci-deploy', 20 * DAY, { workspaceId: ws.id });
    const seen: string[] = [];
    for (let day = 0; day <= 21; day++) {
      const status = await check();
      seen.push(status.entries[0]!.tier);
      core.clock.advance(DAY);
    }
    // 20 days out → ok; then 14 d, 3 d, 1 d, expired.
    expect([...new Set(seen)]).toEqual(['ok', 'warn_14d', 'warn_3d', 'warn_1d', 'expired']);
    expect(core.notices.shown.map((n) => n.title)).toEqual([
      'ci-deploy · Acme (prod) expires in 14 days',
      'ci-deploy · Acme (prod) expires in 3 days',
      'ci-deploy · Acme (prod) expires in 24 hours',
      'ci-deploy · Acme (prod) expired a moment ago',
    ]);
    expect(new Set(core.notices.shown.map((n) => n.id))).toEqual(new Set([`expiry:${key.id}`]));
    expect(core.notices.visible.size).toBe(1);
    expect(core.notices.shown.every((n) => !n.body.includes('sk_'))).toBe(true);
  });

  it('does not repeat a notice on later checks or after a restart', async () => {
    await importExpiring('a', 2 * DAY);
    await check();
    await check();
    expect(core.notices.shown).toHaveLength(1);
    core.close();
    const again = makeTestCore({ dataDir: core.dataDir, service: core.service });
    try {
      again.clock.set(core.clock.now().toISOString());
      await must(clientFor(again.router).invoke('expiry.check', {}));
      expect(again.notices.shown).toHaveLength(0);
      again.clock.advance(DAY + HOUR);
      await must(clientFor(again.router).invoke('expiry.check', {}));
      expect(again.notices.shown.map((n) => n.title)).toEqual(['a expires in 23 hours']);
    } finally {
      again.close();
    }
  });

  it('after a long sleep, shows one notice for the current tier, not one per missed tier', async () => {
    await importExpiring('sleepy', 20 * DAY);
    await check();
    core.clock.advance(21 * DAY);
    await check();
    expect(core.notices.shown.map((n) => n.title)).toEqual(['sleepy expired 24 hours ago']);
  });

  it('snooze quiets a key until its next tier, and the badge stops counting it', async () => {
    const key = await importExpiring('snoozer', 10 * DAY);
    expect((await check()).attentionCount).toBe(1);
    const snoozed = await must(api.invoke('expiry.snooze', { id: key.id }));
    expect(snoozed.attentionCount).toBe(0);
    expect(snoozed.entries[0]).toMatchObject({ snoozed: true, tier: 'warn_14d' });
    expect(core.notices.visible.size).toBe(0);
    expect(core.tray.at(-1)?.badgeCount).toBe(0);
    core.clock.advance(5 * DAY); // still within 14 d
    await check();
    expect(core.notices.shown).toHaveLength(1);
    core.clock.advance(3 * DAY); // now within 3 d: the snooze ends
    const s = await check();
    expect(s.entries[0]).toMatchObject({ tier: 'warn_3d', snoozed: false });
    expect(core.notices.shown).toHaveLength(2);
    expect(s.attentionCount).toBe(1);
  });

  it('refuses to snooze a key with no warning', async () => {
    const key = await importExpiring('fine', 100 * DAY);
    expect(await api.invoke('expiry.snooze', { id: key.id })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('clears the warning when the key is deleted (or rotated: superseded)', async () => {
    const key = await importExpiring('doomed', DAY / 2);
    await check();
    expect(core.notices.visible.size).toBe(1);
    await must(api.invoke('keys.delete', { id: key.id }));
    const s = await check();
    expect(core.notices.visible.size).toBe(0);
    expect(s.attentionCount).toBe(0);

    const old = await importExpiring('rotated', DAY / 2);
    await check();
    core.db.prepare('UPDATE keys SET superseded_by = ? WHERE id = ?').run('k_new', old.id);
    expect((await check()).entries.find((e) => e.keyId === old.id)?.tier).toBe('inactive');
    expect(core.notices.visible.size).toBe(0);
  });

  it('per-key tiers override the global setting', async () => {
    const key = await importExpiring('early', 20 * DAY);
    expect((await check()).entries[0]?.tier).toBe('ok');
    const s = await must(api.invoke('expiry.setWarningDays', { id: key.id, days: [7, 30] }));
    expect(s.entries[0]).toMatchObject({ tier: 'warn_30d', severity: 1 });
    expect(core.notices.shown.map((n) => n.title)).toEqual(['early expires in 20 days']);
  });

  it('lists keys that never expire with their age, and not-yet-valid keys, without warning', async () => {
    core.clock.set('2025-10-19T12:00:00Z');
    await must(api.invoke('keys.import', { name: 'ancient', provider: 'kernle', secret: 'knl_sk_0123456789abcdef0123456789abcdef' }));
    core.clock.set('2026-11-23T12:00:00Z');
    await must(api.invoke('keys.import', { name: 'future', provider: 'kinesis', secret: 'kinesis_pat_future_000000000001', validFrom: '2026-12-01', expiresAt: '2027-06-01' }));
    const s = await check();
    expect(s.entries.map((e) => [e.keyName, e.tier])).toEqual([['future', 'not_yet_valid'], ['ancient', 'no_expiry']]);
    expect(s.attentionCount).toBe(0);
    expect(core.notices.shown).toHaveLength(0);
    const tray = core.tray.at(-1)!;
    expect(tray).toMatchObject({ badgeCount: 0, tooltip: 'Keydeck — no keys need attention', items: [] });
  });

  it('in digest mode, sends one summary a day at the chosen hour instead of per-key notices', async () => {
    await must(api.invoke('settings.update', { notificationMode: 'daily-digest', digestHour: 0 }));
    await importExpiring('one', 2 * DAY);
    await importExpiring('two', -HOUR);
    await check();
    await check();
    expect(core.notices.shown.map((n) => n.id)).toEqual(['expiry:digest']);
    expect(core.notices.shown[0]!.title).toBe('2 keys need attention: 1 expired, 1 expiring soon');
    core.clock.advance(DAY);
    await check();
    expect(core.notices.shown).toHaveLength(2);
  });
});

describe('the watcher schedule', () => {
  let core: TestCore;
  beforeEach(() => (core = makeTestCore()));
  afterEach(() => core.cleanup());

  it('wakes at the next tier boundary, at most every 15 minutes, and catches up on resume', async () => {
    const api = clientFor(core.router);
    core.expiryScheduler.start();
    expect(core.timers.pending.map((t) => t.ms)).toEqual([15 * 60_000]); // no keys: the safety interval
    const expiresAt = new Date(core.clock.now().getTime() + 14 * DAY + 10 * 60_000).toISOString();
    await must(api.invoke('keys.import', { name: 'edge', provider: 'kernel-sh', secret: 'sk_edge_0000000000000000000000', expiresAt }));
    // Once the import has settled the watcher looks again and re-plans: 10 minutes to the 14-day boundary (+1 s).
    core.timers.fire(SETTLE_MS);
    expect(core.timers.pending.map((t) => t.ms)).toEqual([10 * 60_000 + 1000]);
    core.clock.advance(10 * 60_000 + 1000);
    core.timers.fireNext();
    expect(core.notices.shown.map((n) => n.title)).toEqual(['edge expires in 13 days']);
    expect(core.timers.pending).toHaveLength(1);
    core.clock.advance(15 * DAY); // a laptop asleep past the expiry; timers did not fire
    core.expiryScheduler.resume();
    expect(core.notices.shown.at(-1)?.title).toBe('edge expired 24 hours ago');
    expect(core.timers.pending).toHaveLength(1);
  });

  it('gives a burst of writes one settled look, none of them waiting for it, and answers fresh in between', async () => {
    const api = clientFor(core.router);
    core.expiryScheduler.start();
    const looks = () => core.tray.length;
    const before = looks();
    for (const name of ['burst-a', 'burst-b', 'burst-c']) {
      const expiresAt = new Date(core.clock.now().getTime() + 3 * DAY).toISOString();
      await must(api.invoke('keys.import', { name, provider: 'kernel-sh', secret: `sk_${name}_${'x'.repeat(24)}`, expiresAt }));
    }
    // No write waited for a full pass; one settle timer stands for all three.
    expect(looks()).toBe(before);
    expect(core.timers.pending.filter((t) => t.ms === SETTLE_MS)).toHaveLength(1);
    // Asked in between (the window does, after every change), the status is already current: one look.
    const status = await must(api.invoke('expiry.status', {}));
    expect(status.entries.map((e) => e.keyName).filter((n) => n.startsWith('burst-')).sort()).toEqual(['burst-a', 'burst-b', 'burst-c']);
    expect(JSON.stringify(await must(api.invoke('attention.list', {})))).toContain('burst-c');
    expect(looks()).toBe(before + 1);
    // The settled look finds nothing stale: it only plans the next wake (3 days out, capped at 15 minutes).
    core.timers.fire(SETTLE_MS);
    expect(looks()).toBe(before + 1);
    expect(core.timers.pending.map((t) => t.ms)).toEqual([15 * 60_000]);
    // Nobody asking (the window closed): the settled look itself updates the tray.
    await must(api.invoke('keys.delete', { id: status.entries.find((e) => e.keyName === 'burst-a')!.keyId }));
    expect(looks()).toBe(before + 1);
    core.timers.fire(SETTLE_MS);
    expect(looks()).toBe(before + 2);
    expect(core.tray.at(-1)!.items.some((i) => i.label.startsWith('burst-a'))).toBe(false);
  });
});
