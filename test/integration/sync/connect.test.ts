import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDemo, type DemoImitations } from '../../imitations';
import { must } from '../../helpers/test-core';
import { makeSyncCore, type SyncTestCore } from '../../helpers/providers/sync-core';
import { expectNoSecret } from '../../helpers/providers/http';

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

const add = (provider: 'kernel-sh' | 'kernle' | 'asimov-kernel' | 'kinesis', baseUrl: string, name = 'Acme') =>
  must(core.api.invoke('workspaces.add', { name, provider, baseUrl, environment: 'prod' }));

describe('connecting a workspace with a management key', () => {
  it('kernel.sh: verifies, stores the key in the keychain, and syncs metadata only', async () => {
    const ws = await add('kernel-sh', demo.urls.kernel);
    const secret = demo.managementKeys.kernel;
    const report = await must(core.api.invoke('workspaces.connect', { id: ws.id, secret }));
    expect(report).toMatchObject({ workspaceId: ws.id, listed: true, total: 5, added: 4, markedDeleted: 0 });
    expectNoSecret(JSON.stringify(report), [secret]);

    const after = await must(core.api.invoke('workspaces.list', {}));
    expect(after[0]?.managementKeyId).toBe(report.managementKeyId);
    expect(await core.secrets.get(report.managementKeyId)).toBe(secret);

    const keys = await must(core.api.invoke('keys.list', { workspaceId: ws.id }));
    expect(keys).toHaveLength(5);
    // The management key is recognised in its own list: one row, with its secret, linked.
    const mgmt = keys.filter((k) => k.hasSecret);
    expect(mgmt.map((k) => k.id)).toEqual([report.managementKeyId]);
    expect(mgmt[0]?.remoteId).toMatch(/^key_/);
    const synced = keys.filter((k) => k.source === 'synced');
    expect(synced).toHaveLength(4);
    expect(synced.every((k) => !k.hasSecret && k.remoteId)).toBe(true);
    expect(keys.find((k) => k.name === 'old-laptop')?.status).toBe('deleted_remote');
    expect(keys.find((k) => k.name === 'web-frontend')).toMatchObject({ projectId: 'proj_web', scopes: ['project:web'] });

    expect(core.dbBytes()).not.toContain(secret);
    const plaintexts = [...demo.kernel.keys.values()].map((k) => k.plaintext);
    for (const p of plaintexts) expect(core.dbBytes()).not.toContain(p);
  });

  it('refresh re-syncs: new keys added, renamed ones updated, vanished ones marked, never dropped', async () => {
    const ws = await add('kernel-sh', demo.urls.kernel);
    await must(core.api.invoke('workspaces.connect', { id: ws.id, secret: demo.managementKeys.kernel }));
    demo.kernel.seedKey({ name: 'brand-new' });
    const ci = [...demo.kernel.keys.values()].find((k) => k.name === 'ci-deploy')!;
    ci.name = 'ci-deploy-renamed';
    const etl = [...demo.kernel.keys.values()].find((k) => k.name === 'etl-nightly')!;
    demo.kernel.keys.delete(etl.id);

    const report = await must(core.api.invoke('workspaces.refresh', { id: ws.id }));
    expect(report).toMatchObject({ total: 5, added: 1, updated: 1, markedDeleted: 1 });
    const keys = await must(core.api.invoke('keys.list', { workspaceId: ws.id }));
    expect(keys.map((k) => k.name)).toContain('ci-deploy-renamed');
    expect(keys.find((k) => k.name === 'etl-nightly')?.status).toBe('deleted_remote');
    expect(keys).toHaveLength(6);

    const again = await must(core.api.invoke('workspaces.refresh', { id: ws.id }));
    expect(again).toMatchObject({ added: 0, updated: 0, markedDeleted: 0 });
  });

  it('kernel.sh project-scoped workspace sends X-Kernel-Project-Id and syncs that project only', async () => {
    const ws = await add('kernel-sh', demo.urls.kernel);
    const report = await must(core.api.invoke('workspaces.connect', { id: ws.id, secret: demo.managementKeys.kernel, projectId: 'proj_data' }));
    expect(report.total).toBe(1);
    const keys = await must(core.api.invoke('keys.list', { workspaceId: ws.id, provider: 'kernel-sh' }));
    expect(keys.filter((k) => k.source === 'synced').map((k) => k.name)).toEqual(['etl-nightly']);
  });

  it.each(['A', 'B'] as const)('Kernle shape %s: one list call verifies and syncs; the shape is remembered', async (shape) => {
    await demo.stop();
    demo = await startDemo({ kernleShape: shape });
    const ws = await add('kernle', demo.urls.kernle);
    const report = await must(core.api.invoke('workspaces.connect', { id: ws.id, secret: demo.managementKeys.kernle }));
    expect(report).toMatchObject({ listed: true, total: 3 });
    expect(demo.kernle.getStats().requests).toBe(1);
    const row = core.db.prepare('SELECT api_shape FROM workspace_sync WHERE workspace_id = ?').get(ws.id) as { api_shape: string };
    expect(row.api_shape).toBe(shape);
    const keys = await must(core.api.invoke('keys.list', { workspaceId: ws.id }));
    expect(keys.find((k) => k.name === 'retired')?.status).toBe('revoked');
    expect(keys.every((k) => k.expiresAt === null)).toBe(true);
    expect(keys.filter((k) => k.hasSecret)).toHaveLength(1);
  });

  it('Asimov: verifies against /me only; the token is stored with the expiry the user chose', async () => {
    const ws = await add('asimov-kernel', demo.urls.asimov);
    const report = await must(core.api.invoke('workspaces.connect', { id: ws.id, secret: demo.managementKeys.asimov, expiresAt: '2027-02-21' }));
    expect(report).toMatchObject({ listed: false, total: 0, identity: 'Ada Demo <ada@example.com>' });
    const keys = await must(core.api.invoke('keys.list', { workspaceId: ws.id }));
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ hasSecret: true, expiresAt: '2027-02-21T00:00:00.000Z' });
    expect((await must(core.api.invoke('workspaces.refresh', { id: ws.id }))).identity).toBe('Ada Demo <ada@example.com>');
  });

  it('Kinesis: verifies with an authenticated fetch', async () => {
    const ws = await add('kinesis', demo.urls.kinesis);
    const report = await must(core.api.invoke('workspaces.connect', { id: ws.id, secret: demo.managementKeys.kinesis }));
    expect(report).toMatchObject({ listed: false, identity: 'root' });
  });

  it.each([
    ['kernel-sh', 'sk_not_a_real_key_0000000000', 'auth_failed'],
    ['kernle', 'knl_sk_00000000000000000000000000000000', 'auth_failed'],
    ['asimov-kernel', 'asm_not_a_real_token', 'auth_failed'],
    ['kinesis', 'kpat_not_a_real_token', 'auth_failed'],
  ] as const)('%s: a rejected key stores nothing, anywhere', async (provider, secret, code) => {
    const url = { 'kernel-sh': demo.urls.kernel, kernle: demo.urls.kernle, 'asimov-kernel': demo.urls.asimov, kinesis: demo.urls.kinesis }[provider];
    const ws = await add(provider, url);
    const r = await core.api.invoke('workspaces.connect', { id: ws.id, secret });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe(code);
    expectNoSecret(r.error.message, [secret]);
    expect(await must(core.api.invoke('keys.list', {}))).toEqual([]);
    expect(await core.secrets.find()).toEqual([]);
    expect((await must(core.api.invoke('workspaces.list', {})))[0]?.managementKeyId).toBeNull();
  });

  it('Asimov: a token without the read scope is forbidden, distinct from a wrong token', async () => {
    const user = [...demo.asimov.users.keys()][0]!;
    const writeOnly = demo.asimov.issueToken(user, { name: 'w', scopes: ['write'] });
    const ws = await add('asimov-kernel', demo.urls.asimov);
    const r = await core.api.invoke('workspaces.connect', { id: ws.id, secret: writeOnly.secret });
    expect(r.ok ? null : r.error.code).toBe('forbidden');
  });

  it('refresh of a workspace that is not connected says to connect it first', async () => {
    const ws = await add('kernel-sh', demo.urls.kernel);
    const r = await core.api.invoke('workspaces.refresh', { id: ws.id });
    expect(r.ok ? null : r.error.code).toBe('conflict');
  });

  it('refuses a project for services without projects, and input without a secret', async () => {
    const ws = await add('kernle', demo.urls.kernle);
    const r = await core.api.invoke('workspaces.connect', { id: ws.id, secret: demo.managementKeys.kernle, projectId: 'p' });
    expect(r.ok ? null : r.error.code).toBe('invalid_input');
    const r2 = await core.api.invoke('workspaces.connect', { id: ws.id, secret: '' });
    expect(r2.ok ? null : r2.error.code).toBe('invalid_input');
  });
});
