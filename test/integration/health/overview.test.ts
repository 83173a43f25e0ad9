import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/create-core';
import type { LeakSummarySource } from '../../../electron/core/health/leak-source';
import type { Notice } from '../../../electron/core/expiry/notices';
import type { TrayModel } from '../../../electron/core/expiry/tray-model';
import { silentLogger } from '../../../electron/core/log';
import { KeyringSecretStore } from '../../../electron/core/store/keyring-secret-store';
import type { HealthCategory, HealthOverview } from '../../../shared/contract/health';
import { startDemo, type DemoImitations } from '../../imitations';
import { addDays } from '../../imitations/ids';
import { clientFor, disposeTestCore, ManualTimers, must, TestClock, testService } from '../../helpers/test-core';
import { testHttp } from '../../helpers/providers/http';

const DAY = 86_400_000;

interface World {
  core: Core;
  api: ReturnType<typeof clientFor>;
  clock: TestClock;
  tray: TrayModel[];
  notices: Notice[];
  leaks: Array<{ keyId: string; findings: number; exposed: boolean }>;
  cleanup(): Promise<void>;
}

/** The real core with a stub leak finder (issue 14a builds the real one) and a recording tray and notifier. */
function makeWorld(): World {
  const dataDir = mkdtempSync(join(tmpdir(), 'keydeck-health-'));
  const secrets = new KeyringSecretStore(testService());
  const clock = new TestClock(Date.now());
  const tray: TrayModel[] = [];
  const notices: Notice[] = [];
  const leaks: World['leaks'] = [];
  const source: LeakSummarySource = { openFindingsByKey: () => leaks };
  const core = createCore({
    dataDir, secrets, clock, logger: silentLogger, timers: new ManualTimers(), http: testHttp().http, leakSummary: source,
    notifier: { notify: (n) => notices.push(n), withdraw: () => {} },
    indicator: { update: (m) => tray.push(m) },
  });
  return { core, api: clientFor(core.router), clock, tray, notices, leaks, cleanup: () => disposeTestCore(core, secrets, dataDir) };
}

let w: World;
let demo: DemoImitations;
beforeEach(async () => {
  w = makeWorld();
  demo = await startDemo();
});
afterEach(async () => {
  await w.cleanup();
  await demo.stop();
});

async function connect(service: 'kernel' | 'kernle', name: string, environment: 'dev' | 'prod') {
  const ws = await must(w.api.invoke('workspaces.add', { name, provider: service === 'kernel' ? 'kernel-sh' : 'kernle', baseUrl: demo.urls[service], environment }));
  await must(w.api.invoke('workspaces.connect', { id: ws.id, secret: demo.managementKeys[service] }));
  return ws.id;
}

const names = (h: HealthOverview, workspaceId: string | null, category: HealthCategory) =>
  h.workspaces.find((g) => g.workspaceId === workspaceId)!.entries.filter((e) => e.category === category).map((e) => e.keyName).sort();
const entry = (h: HealthOverview, keyName: string, category: HealthCategory) => h.workspaces.flatMap((g) => g.entries).find((e) => e.keyName === keyName && e.category === category);

describe('health overview: one answer per workspace, each finding with its fix', () => {
  it('sorts every working key into expired, leaked, over-policy, expiring, stale, unused and never-expiring', async () => {
    // Kernle reports last use: "memory-sync" was last used 45 days ago, "fresh" never (no data, so never "unused").
    const user = [...demo.kernle.users.keys()][0]!;
    const memory = [...demo.kernle.keys.values()].find((k) => k.name === 'memory-sync')!;
    memory.last_used_at = addDays(demo.kernle.now(), -45).toISOString();
    demo.kernle.seedKey(user, 'fresh', { createdAt: addDays(demo.kernle.now(), -5) });

    const prod = await connect('kernel', 'prod', 'prod');
    const agents = await connect('kernle', 'agents', 'dev');
    await must(w.api.invoke('workspaces.update', { id: prod, policy: { maxLifetimeDays: 90, noNeverExpiring: true } }));
    await must(w.api.invoke('workspaces.update', { id: agents, policy: { rotateEveryDays: 30 } }));
    const loose = await must(w.api.invoke('keys.import', { name: 'loose-token', provider: 'kernel-sh', secret: 'sk_loose_0123456789abcdef0123456789' }));
    const keys = await must(w.api.invoke('keys.list', {}));
    const web = keys.find((k) => k.name === 'web-frontend')!;
    w.leaks.push({ keyId: web.id, findings: 2, exposed: true });

    const h = await must(w.api.invoke('health.overview', {}));
    expect(h.unusedDays).toBe(30);
    expect(names(h, prod, 'expired')).toEqual(['etl-nightly']);
    expect(names(h, prod, 'leaked')).toEqual(['web-frontend']);
    expect(names(h, prod, 'over-policy')).toEqual(['ci-deploy', 'keydeck-management']);
    expect(names(h, prod, 'expiring')).toEqual(['ci-deploy']);
    expect(names(h, prod, 'stale')).toEqual(['ci-deploy']);
    expect(names(h, prod, 'never-expiring')).toEqual(['keydeck-management']);
    // kernel.sh reports no last use: none of its keys is ever called unused.
    expect(names(h, prod, 'unused')).toEqual([]);
    expect(h.workspaces.find((g) => g.workspaceId === prod)).toMatchObject({
      policyText: 'at most 90 days, no never-expiring keys',
      counts: { expired: 1, leaked: 1, 'over-policy': 2, expiring: 1, stale: 1, unused: 0, 'never-expiring': 1 },
    });

    // Kernle: a rotation age instead of a lifetime; its never-expiring keys are governed by it, not listed as such.
    expect(h.workspaces.find((g) => g.workspaceId === agents)).toMatchObject({
      policyKind: 'rotation-age',
      policyText: 'rotate every 30 days',
      counts: { expired: 0, leaked: 0, 'over-policy': 1, expiring: 0, stale: 1, unused: 1, 'never-expiring': 0 },
    });
    expect(entry(h, 'memory-sync', 'unused')).toMatchObject({ fix: 'revoke', at: memory.last_used_at });
    expect(entry(h, 'memory-sync', 'unused')!.reason).toBe('Last used 45 days ago (more than 30): if nothing needs it, revoke it.');
    expect(entry(h, 'fresh', 'unused')).toBeUndefined();

    // Each finding's one fix, and the rotate-by date of a policy breach.
    const ci = keys.find((k) => k.name === 'ci-deploy')!;
    expect(entry(h, 'ci-deploy', 'over-policy')).toMatchObject({ fix: 'rotate', rotateBy: new Date(Date.parse(ci.createdAt) + 90 * DAY).toISOString() });
    expect(entry(h, 'ci-deploy', 'over-policy')!.reason).toContain('(policy: maximum lifetime)');
    expect(entry(h, 'keydeck-management', 'over-policy')).toMatchObject({ rotateBy: w.clock.now().toISOString() });
    expect(entry(h, 'memory-sync', 'over-policy')).toMatchObject({ fix: 'rotate', rotateBy: new Date(Date.parse(memory.created_at) + 30 * DAY).toISOString() });
    expect(entry(h, 'web-frontend', 'leaked')).toMatchObject({ fix: 'rotate' });
    expect(entry(h, 'web-frontend', 'leaked')!.reason).toContain('pushed to a remote');
    expect(entry(h, 'etl-nightly', 'expired')).toMatchObject({ fix: 'rotate' });
    // A key outside any workspace: no policy applies and nothing can rotate it, so its fix is to open it.
    expect(h.workspaces.find((g) => g.workspaceId === null)!.entries).toEqual([expect.objectContaining({ keyId: loose.id, category: 'never-expiring', fix: 'open' })]);

    expect(h.counts).toMatchObject({ expired: 1, leaked: 1, 'over-policy': 3, expiring: 1, stale: 2, unused: 1, 'never-expiring': 2 });
    // etl-nightly, web-frontend, ci-deploy, keydeck-management (kernel), memory-sync, loose-token.
    expect(h.keysNeedingAction).toBe(6);

    // One workspace only.
    const one = await must(w.api.invoke('health.overview', { workspaceId: agents }));
    expect(one.workspaces.map((g) => g.workspaceId)).toEqual([agents]);
    expect(one.keysNeedingAction).toBe(1);
  });

  it('moves with the injected clock and the settings: rotation age reached, unused threshold', async () => {
    const agents = await connect('kernle', 'agents', 'dev');
    await must(w.api.invoke('workspaces.update', { id: agents, policy: { rotateEveryDays: 30 } }));
    const before = await must(w.api.invoke('health.overview', { workspaceId: agents }));
    expect(names(before, agents, 'over-policy')).toEqual(['memory-sync']);
    // The management key was made 10 days ago: 21 days on, it is past its 30-day rotation age.
    w.clock.advance(21 * DAY);
    const after = await must(w.api.invoke('health.overview', { workspaceId: agents }));
    expect(names(after, agents, 'over-policy')).toEqual(['keydeck', 'memory-sync']);
    const mgmt = (await must(w.api.invoke('keys.list', { workspaceId: agents }))).find((k) => k.name === 'keydeck')!;
    expect(entry(after, 'keydeck', 'over-policy')!.rotateBy).toBe(new Date(Date.parse(mgmt.createdAt) + 30 * DAY).toISOString());
    // Used at connect (the imitation records it): unused only once the setting's days have passed.
    expect(names(after, agents, 'unused')).toEqual([]);
    await must(w.api.invoke('settings.update', { unusedDays: 20 }));
    expect(names(await must(w.api.invoke('health.overview', { workspaceId: agents })), agents, 'unused')).toEqual(['keydeck']);
  });

  it('the tray badge and the daily digest count over-policy and leaked keys, each key once', async () => {
    const prod = await connect('kernel', 'prod', 'prod');
    await must(w.api.invoke('expiry.check', {}));
    // Without a policy or a leak: ci-deploy (expiring) and etl-nightly (expired).
    expect(w.tray.at(-1)!.badgeCount).toBe(2);

    await must(w.api.invoke('workspaces.update', { id: prod, policy: { maxLifetimeDays: 90, noNeverExpiring: true } }));
    const web = (await must(w.api.invoke('keys.list', { workspaceId: prod }))).find((k) => k.name === 'web-frontend')!;
    w.leaks.push({ keyId: web.id, findings: 1, exposed: false });
    await must(w.api.invoke('settings.update', { notificationMode: 'daily-digest', digestHour: 0 }));
    await must(w.api.invoke('expiry.check', {}));
    const tray = w.tray.at(-1)!;
    // + keydeck-management (over policy) + web-frontend (leaked); ci-deploy is expiring and over policy: counted once.
    expect(tray.badgeCount).toBe(4);
    expect(tray.tooltip).toBe('Keydeck — 1 leaked key, 4 keys need attention');
    expect(tray.items.map((i) => i.label)).toEqual(expect.arrayContaining(['web-frontend — leaked (1 place)', 'keydeck-management — breaks its workspace policy']));
    expect(w.notices.at(-1)!.title).toBe('4 keys need attention: 1 expired, 1 expiring soon, 1 leaked, 2 over policy');
  });
});
