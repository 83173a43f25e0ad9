import { afterEach, describe, expect, it } from 'vitest';
import { KernelImitation, KernleImitation } from '../../imitations';
import { must } from '../../helpers/test-core';
import { makeSyncCore, type SyncTestCore } from '../../helpers/providers/sync-core';

const HOUR = 3_600_000;
let core: SyncTestCore;
const servers: Array<{ stop(): Promise<void> }> = [];
afterEach(async () => {
  await core.cleanup();
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

async function kernle() {
  const server = new KernleImitation();
  servers.push(server);
  const url = await server.start();
  const user = server.addUser('dev@example.com');
  const admin = server.seedKey(user, 'admin').secret;
  server.seedKey(user, 'agent');
  const ws = await must(core.api.invoke('workspaces.add', { name: 'Agents', provider: 'kernle', baseUrl: url, environment: 'prod' }));
  await must(core.api.invoke('workspaces.connect', { id: ws.id, secret: admin }));
  server.resetStats();
  return { server, ws };
}

const listCalls = (s: KernleImitation) => s.getStats().byRoute['GET /auth/keys'] ?? 0;

describe('scheduled refresh from the providers', () => {
  it('warnings follow the provider\'s truth: an expiry shortened at the service shows after the next refresh', async () => {
    core = makeSyncCore();
    const server = new KernelImitation();
    servers.push(server);
    const url = await server.start();
    const admin = server.seedKey({ name: 'admin' }).secret;
    const { record } = server.seedKey({ name: 'deploy', expiresInDays: 90 });
    const ws = await must(core.api.invoke('workspaces.add', { name: 'Acme', provider: 'kernel-sh', baseUrl: url, environment: 'prod' }));
    await must(core.api.invoke('workspaces.connect', { id: ws.id, secret: admin }));
    const tierOf = async () => (await must(core.api.invoke('expiry.check', {}))).entries.find((e) => e.keyName === 'deploy')?.tier;
    expect(await tierOf()).toBe('ok');

    // Someone rotated it in the web console with a 2-day grace: the service now says so.
    record.expires_at = new Date(Date.parse(record.created_at) + 2 * 24 * HOUR).toISOString();
    expect((await core.refreshScheduler.tick()).refreshed).toEqual([]); // synced at connect: not due yet
    core.clock.advance(6 * HOUR + 1);
    expect((await core.refreshScheduler.tick()).refreshed).toEqual([ws.id]);
    expect(await tierOf()).toBe('warn_3d');
  });

  it('keeps Kernle calls rare: one scheduled list a day, "Check now" at most every 15 minutes', async () => {
    core = makeSyncCore();
    const { server } = await kernle();
    await core.refreshScheduler.tick();
    expect(listCalls(server)).toBe(0);
    core.clock.advance(23 * HOUR);
    await core.refreshScheduler.tick();
    expect(listCalls(server)).toBe(0);
    core.clock.advance(HOUR + 1);
    await core.refreshScheduler.tick();
    expect(listCalls(server)).toBe(1);

    await core.refreshScheduler.runNow();
    expect(listCalls(server)).toBe(1);
    core.clock.advance(15 * 60_000 + 1);
    await core.refreshScheduler.runNow();
    expect(listCalls(server)).toBe(2);
  });

  it('after a 429, sends nothing until Retry-After has passed, whatever the mode', async () => {
    core = makeSyncCore();
    const { server, ws } = await kernle();
    server.setFault('GET /auth/keys', { kind: 'rate-limit', retryAfterSeconds: 7200 });
    core.clock.advance(24 * HOUR + 1);
    expect(await core.refreshScheduler.tick()).toMatchObject({ refreshed: [], failed: [ws.id] });
    expect(listCalls(server)).toBe(1);
    const row = core.db.prepare('SELECT last_error_code, retry_after FROM workspace_sync WHERE workspace_id = ?').get(ws.id) as { last_error_code: string; retry_after: string };
    expect(row).toEqual({ last_error_code: 'rate_limited', retry_after: new Date(core.clock.now().getTime() + 7200_000).toISOString() });

    server.clearFaults();
    core.clock.advance(HOUR);
    await core.refreshScheduler.runNow();
    await core.refreshScheduler.tick();
    expect(listCalls(server)).toBe(1);
    core.clock.advance(HOUR + 1);
    expect((await core.refreshScheduler.runNow()).refreshed).toEqual([ws.id]);
    expect(listCalls(server)).toBe(2);
  });

  it('never has more than the per-host limit in flight, and a slow host fails alone', async () => {
    core = makeSyncCore({ syncLimits: { concurrency: 6, perHost: 2 } });
    const busy = new KernelImitation();
    const slow = new KernelImitation();
    servers.push(busy, slow);
    const hosts = { busy: await busy.start(), slow: await slow.start() };
    const connect = async (server: KernelImitation, url: string, i: number) => {
      server.addProject(`p${i}`, `p${i}`);
      const admin = server.seedKey({ name: `admin-${i}`, projectId: `p${i}` }).secret;
      const ws = await must(core.api.invoke('workspaces.add', { name: `ws-${i}`, provider: 'kernel-sh', baseUrl: url, environment: 'dev' }));
      await must(core.api.invoke('workspaces.connect', { id: ws.id, secret: admin, projectId: `p${i}` }));
      return ws.id;
    };
    for (let i = 0; i < 5; i++) await connect(busy, hosts.busy, i);
    const slowId = await connect(slow, hosts.slow, 5);
    busy.latencyMs = 20;
    busy.resetStats();
    slow.setFault('GET /org/api_keys', { kind: 'slow', delayMs: 3_000 });
    core.clock.advance(6 * HOUR + 1);
    const run = await core.refreshScheduler.tick();
    expect(run.failed).toEqual([slowId]);
    expect(run.refreshed).toHaveLength(5);
    expect(busy.getStats().peakInFlight).toBe(2);
    const codes = core.db.prepare('SELECT workspace_id, last_error_code FROM workspace_sync WHERE last_error_code IS NOT NULL').all();
    expect(codes).toEqual([{ workspace_id: slowId, last_error_code: 'timeout' }]);
  });

  it('plans its next wake-up from the schedule, at most 15 minutes ahead', async () => {
    core = makeSyncCore();
    await kernle();
    core.refreshScheduler.start();
    await core.refreshScheduler.tick();
    expect(core.timers.pending.at(-1)?.ms).toBe(15 * 60_000);
    core.refreshScheduler.stop();
  });
});
