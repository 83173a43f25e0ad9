import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDemo, type DemoImitations } from '../../imitations';
import { addDays } from '../../imitations/ids';
import { must } from '../../helpers/test-core';
import { makeSyncCore, type SyncTestCore } from '../../helpers/providers/sync-core';

/** The held-out behaviours of issue 12, end to end through the core: what the user sees and when Keydeck calls again. */
let core: SyncTestCore;
let demo: DemoImitations;
beforeEach(async () => {
  core = makeSyncCore();
  demo = await startDemo();
});
afterEach(async () => {
  await core.cleanup();
  await demo.stop();
});

describe('held-out service behaviours, through the core', () => {
  it('Kernle keys listed with "knl_sk_4ecbe..." are shown as "knl_sk_4ecbe…"', async () => {
    demo.kernle.listPrefixEllipsis = true;
    const ws = await must(core.api.invoke('workspaces.add', { name: 'Agents', provider: 'kernle', baseUrl: demo.urls.kernle, environment: 'dev' }));
    await must(core.api.invoke('workspaces.connect', { id: ws.id, secret: demo.managementKeys.kernle }));
    const keys = await must(core.api.invoke('keys.list', { workspaceId: ws.id }));
    const synced = keys.filter((k) => k.source === 'synced');
    expect(synced.length).toBeGreaterThan(0);
    for (const k of synced) expect(k.masked).toMatch(/^knl_sk_[0-9a-f]{5}…$/);
  });

  it('a Kernle database outage (503, Retry-After: 60) holds the next refresh back by 60 s, not an hour and not at once', async () => {
    const ws = await must(core.api.invoke('workspaces.add', { name: 'Agents', provider: 'kernle', baseUrl: demo.urls.kernle, environment: 'dev' }));
    await must(core.api.invoke('workspaces.connect', { id: ws.id, secret: demo.managementKeys.kernle }));
    demo.kernle.databaseDown = true;
    const r = await core.api.invoke('workspaces.refresh', { id: ws.id });
    expect(r.ok ? null : r.error.code).toBe('provider_unavailable');
    const row = core.db.prepare('SELECT last_error_code, retry_after FROM workspace_sync WHERE workspace_id = ?').get(ws.id) as { last_error_code: string; retry_after: string };
    expect(row).toEqual({ last_error_code: 'provider_unavailable', retry_after: new Date(core.clock.now().getTime() + 60_000).toISOString() });
  });

  it('Kinesis: a non-ROOT token connects through the verify path its workspace sets, where ?uid= would refuse it', async () => {
    demo.kinesis.predecessor = true;
    const dev = demo.kinesis.addUser('dev', 'EDITOR');
    const pat = demo.kinesis.issuePat(dev, { name: 'dev', permissions: ['USER_FETCH', 'CONFIG_FETCH'], validFrom: addDays(new Date(), -1), validTo: addDays(new Date(), 30) });
    const byUid = await must(core.api.invoke('workspaces.add', { name: 'Self-hosted uid', provider: 'kinesis', baseUrl: demo.urls.kinesis, environment: 'dev', verify: { path: `/user/fetch?uid=${dev}` } }));
    const refused = await core.api.invoke('workspaces.connect', { id: byUid.id, secret: pat.secret });
    expect(refused.ok ? null : refused.error.code).toBe('forbidden');

    const ws = await must(core.api.invoke('workspaces.add', { name: 'Self-hosted', provider: 'kinesis', baseUrl: demo.urls.kinesis, environment: 'dev', verify: { path: '/config/fetch', expectStatus: 200 } }));
    expect(ws.verify).toEqual({ path: '/config/fetch', expectStatus: 200 });
    const report = await must(core.api.invoke('workspaces.connect', { id: ws.id, secret: pat.secret }));
    expect(report.managementKeyId).toBeTruthy();
    // A service with a fixed verify call refuses one.
    const bad = await core.api.invoke('workspaces.add', { name: 'K', provider: 'kernle', baseUrl: demo.urls.kernle, environment: 'dev', verify: { path: '/x' } });
    expect(bad.ok ? null : bad.error.code).toBe('invalid_input');
  });
});
