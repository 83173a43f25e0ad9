import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KernelImitation, startDemo, type DemoImitations } from '../../imitations';
import { must } from '../../helpers/test-core';
import { auditKinds, connect, makeRotationCore, progressSteps, type RotationTestCore } from '../../helpers/rotation/rotation-core';

let core: RotationTestCore;
let demo: DemoImitations;
beforeEach(async () => {
  core = makeRotationCore();
  demo = await startDemo();
});
afterEach(async () => {
  await core.cleanup();
  await demo.stop();
});

const remote = (id: string | null) => demo.kernel.keys.get(id ?? '')!;
const HOUR = 3600;

async function created(name = 'deploy-bot', environment: 'dev' | 'prod' = 'dev') {
  const { workspaceId, managementKeyId } = await connect(core, demo, 'kernel', environment);
  const { key, secret } = await must(core.api.invoke('keys.create', { workspaceId, name, expiresInDays: 30 }));
  return { workspaceId, managementKeyId, key, secret };
}

describe('kernel.sh: create', () => {
  it('creates through the API; the secret is in the keychain before it is returned, once', async () => {
    const { key, secret } = await created();
    expect(await core.secrets.get(key.id)).toBe(secret);
    expect(key).toMatchObject({ name: 'deploy-bot', source: 'created', hasSecret: true, status: 'active' });
    const r = remote(key.remoteId);
    expect(r.plaintext).toBe(secret);
    expect(Date.parse(r.expires_at!) - Date.parse(r.created_at)).toBe(30 * 86_400_000);
    expect(await auditKinds(core, key.id)).toEqual(['created']);
    expect(core.dbBytes()).not.toContain(secret);
    // Later reads are an explicit, audited reveal.
    expect((await must(core.api.invoke('keys.get', { id: key.id }))).hasSecret).toBe(true);
  });
});

describe('kernel.sh: rotate', () => {
  it('default grace (7 days) via /rotate: new secret stored and verified, old key valid until then', async () => {
    const { key, secret } = await created();
    const before = demo.kernel.getStats().byRoute;
    const r = await must(core.api.invoke('keys.rotate', { id: key.id }));
    expect(r.state).toBe('done');
    expect(r.secret).toBeDefined();
    expect(await core.secrets.get(r.newKey.id)).toBe(r.secret);
    expect(remote(r.newKey.remoteId).plaintext).toBe(r.secret);
    expect(remote(r.newKey.remoteId).name).toBe('deploy-bot');
    const oldRemote = remote(key.remoteId);
    expect(oldRemote.deleted_at).toBeNull();
    expect(Math.abs(Date.parse(oldRemote.expires_at!) - (Date.now() + 7 * 86_400_000))).toBeLessThan(60_000);
    expect(r.retire.method).toBe('grace');
    expect(r.oldKey).toMatchObject({ status: 'grace', hasSecret: true });
    expect(await core.secrets.get(key.id)).toBe(secret);
    const after = demo.kernel.getStats().byRoute;
    expect((after['POST /org/api_keys/:id/rotate'] ?? 0) - (before['POST /org/api_keys/:id/rotate'] ?? 0)).toBe(1);
    expect(await auditKinds(core, key.id)).toContain('rotated');
    expect(await auditKinds(core, r.newKey.id)).toContain('verified');
    expect(progressSteps(core, r.rotationId)).toEqual(expect.arrayContaining(['journal:done', 'provider:started', 'keychain:done', 'metadata:done', 'verify:done', 'retire:done', 'usages:done', 'finish:done']));
    const rows = await must(core.api.invoke('rotations.list', { keyId: key.id }));
    expect(rows.find((x) => x.plan !== 'create')).toMatchObject({ state: 'done', step: 'finish', plan: 'kernel-rotate' });
    for (const s of [secret, r.secret!]) expect(core.dbBytes()).not.toContain(s);
    expect(JSON.stringify(core.events)).not.toContain(r.secret!);
  });

  it('grace "now": the old key stops at once', async () => {
    const { key } = await created();
    const r = await must(core.api.invoke('keys.rotate', { id: key.id, graceSeconds: 0 }));
    expect(r.retire.method).toBe('immediate');
    expect(Date.parse(remote(key.remoteId).expires_at!)).toBeLessThanOrEqual(Date.now());
    expect(r.oldKey.status).toBe('expired');
  });

  it('grace 1 hour: rotated with 1 day, Keydeck deletes the old key itself at the hour, even after a restart', async () => {
    const { key } = await created();
    const r = await must(core.api.invoke('keys.rotate', { id: key.id, graceSeconds: HOUR }));
    expect(r.retire.method).toBe('scheduled');
    expect(Date.parse(r.retire.validUntil!) - core.clock.now().getTime()).toBeLessThanOrEqual(HOUR * 1000);
    const items = await must(core.api.invoke('rotations.attention', {}));
    expect(items).toEqual([expect.objectContaining({ kind: 'scheduled-revoke', keyId: key.id, actions: ['revoke-now'] })]);
    expect(remote(key.remoteId).deleted_at).toBeNull();

    // Restart an hour later: the pending deletion is in SQLite, not in a timer.
    core.close();
    const clock = core.clock;
    clock.advance(HOUR * 1000 + 1000);
    const again = makeRotationCore({ dataDir: core.dataDir, service: core.service, clock });
    const first = core;
    core = again;
    void first;
    await core.services.rotation.reconcile();
    expect(remote(key.remoteId).deleted_at).not.toBeNull();
    expect(await must(core.api.invoke('keys.get', { id: key.id }))).toMatchObject({ status: 'revoked', hasSecret: false });
    expect(await core.secrets.get(key.id)).toBeNull();
    expect(await must(core.api.invoke('rotations.attention', {}))).toEqual([]);
  });

  it('grace 1 hour in the running app: the timer fires the deletion', async () => {
    const { key } = await created();
    core.services.rotation.startScheduler();
    await must(core.api.invoke('keys.rotate', { id: key.id, graceSeconds: HOUR }));
    const timer = core.timers.pending.find((t) => t.ms > 0 && t.ms <= HOUR * 1000);
    expect(timer).toBeDefined();
    core.clock.advance(HOUR * 1000);
    timer!.fn();
    await expect.poll(() => remote(key.remoteId).deleted_at).not.toBeNull();
  });

  it('a management key rotated keeps the workspace connected with the new key', async () => {
    const { workspaceId, managementKeyId } = await connect(core, demo, 'kernel');
    const r = await must(core.api.invoke('keys.rotate', { id: managementKeyId, graceSeconds: 0 }));
    const ws = (await must(core.api.invoke('workspaces.list', {}))).find((w) => w.id === workspaceId)!;
    expect(ws.managementKeyId).toBe(r.newKey.id);
    await must(core.api.invoke('workspaces.refresh', { id: workspaceId }));
  });
});

describe('kernel.sh without /rotate (older deployments): create → store → verify → delete', () => {
  it.each([404, 405] as const)('rotate answers %s: falls back and deletes the old key after the new one is safe', async (status) => {
    await demo.kernel.stop();
    const k = new KernelImitation({ rotate: status });
    const url = await k.start();
    const admin = k.seedKey({ name: 'keydeck-management' });
    Object.assign(demo, { kernel: k, urls: { ...demo.urls, kernel: url }, managementKeys: { ...demo.managementKeys, kernel: admin.secret } });
    const { key } = await created();
    const r = await must(core.api.invoke('keys.rotate', { id: key.id, graceSeconds: 0 }));
    expect(r.retire.method).toBe('deleted');
    expect(remote(key.remoteId).deleted_at).not.toBeNull();
    expect(remote(r.newKey.remoteId).plaintext).toBe(r.secret);
    expect(await core.secrets.get(r.newKey.id)).toBe(r.secret);
    expect(r.oldKey).toMatchObject({ status: 'revoked', hasSecret: false });
    expect((await must(core.api.invoke('rotations.list', { keyId: key.id }))).map((x) => x.plan)).toContain('kernel-create-then-delete');
    expect(k.getStats().byRoute['POST /org/api_keys']).toBe(2); // the create, then the fallback's create
  });

  it('with a grace period the old key is scheduled, not deleted', async () => {
    await demo.kernel.stop();
    const k = new KernelImitation({ rotate: 405 });
    const url = await k.start();
    const admin = k.seedKey({ name: 'keydeck-management' });
    Object.assign(demo, { kernel: k, urls: { ...demo.urls, kernel: url }, managementKeys: { ...demo.managementKeys, kernel: admin.secret } });
    const { key } = await created();
    const r = await must(core.api.invoke('keys.rotate', { id: key.id, graceSeconds: 24 * HOUR }));
    expect(r.retire.method).toBe('scheduled');
    expect(remote(key.remoteId).deleted_at).toBeNull();
  });
});

describe('kernel.sh: revoke', () => {
  it('revokes through the API: soft delete remotely, keychain item gone, audited', async () => {
    const { key } = await created();
    const out = await must(core.api.invoke('keys.revoke', { id: key.id }));
    expect(out).toMatchObject({ state: 'revoked', key: { status: 'revoked', hasSecret: false } });
    expect(remote(key.remoteId).deleted_at).not.toBeNull();
    expect(await core.secrets.get(key.id)).toBeNull();
    expect(await auditKinds(core, key.id)).toContain('revoked');
  });

  it('prod: the key name must be typed back; the management key is refused', async () => {
    const { key, managementKeyId } = await created('prod-bot', 'prod');
    const refused = await core.api.invoke('keys.revoke', { id: key.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { confirmName: 'must be "prod-bot"' } } });
    expect(remote(key.remoteId).deleted_at).toBeNull();
    const self = await core.api.invoke('keys.revoke', { id: managementKeyId, confirmName: 'Acme kernel management key' });
    expect(self).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(!self.ok && self.error.message).toMatch(/management key/);
    await must(core.api.invoke('keys.revoke', { id: key.id, confirmName: 'prod-bot' }));
    expect(remote(key.remoteId).deleted_at).not.toBeNull();
  });
});
