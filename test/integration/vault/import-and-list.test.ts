import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientFor, makeTestCore, must, type TestCore } from '../../helpers/test-core';

describe('keys: import, list, search, reveal, delete', () => {
  let core: TestCore;
  let api: ReturnType<typeof clientFor>;
  beforeEach(() => {
    core = makeTestCore();
    api = clientFor(core.router);
  });
  afterEach(() => core.cleanup());

  const importKernel = (name: string, secret: string, extra: Record<string, unknown> = {}) =>
    must(api.invoke('keys.import', { name, provider: 'kernel-sh', secret, ...extra }));

  it('stores the secret in the keychain and only metadata in SQLite', async () => {
    const ws = await must(api.invoke('workspaces.add', { name: 'Acme', provider: 'kernel-sh', environment: 'prod' }));
    const secret = 'sk_live_0123456789abcdefghijklmnop';
    const key = await importKernel('ci-deploy', secret, { workspaceId: ws.id, scopes: ['org'], expiresAt: '2027-01-31' });
    expect(key).toMatchObject({ name: 'ci-deploy', masked: 'sk_live_…mnop', hasSecret: true, status: 'active', source: 'imported', workspaceId: ws.id, scopes: ['org'], expiresAt: '2027-01-31T00:00:00.000Z' });
    expect(key).not.toHaveProperty('secret');
    expect(await core.secrets.get(key.id)).toBe(secret);
    expect((await must(api.invoke('keys.list', {}))).map((k) => k.id)).toEqual([key.id]);
    expect((await must(api.invoke('workspaces.list', {})))[0]?.keyCount).toBe(1);
    const audit = await must(api.invoke('audit.list', { keyId: key.id }));
    expect(audit).toEqual([expect.objectContaining({ kind: 'imported', summary: 'Imported Kernel key "ci-deploy" into Acme' })]);
  });

  it('detects the same secret pasted twice and names the existing key', async () => {
    await importKernel('first', 'sk_same_secret_twice_000000000');
    const r = await api.invoke('keys.import', { name: 'second', provider: 'kernel-sh', secret: '  sk_same_secret_twice_000000000 ' });
    expect(r).toMatchObject({ ok: false, error: { code: 'duplicate_key', message: expect.stringContaining('"first"') } });
    expect(await core.secrets.find()).toHaveLength(2); // the key and the fingerprint key, no orphan
  });

  it('refuses a workspace of another service', async () => {
    const ws = await must(api.invoke('workspaces.add', { name: 'K', provider: 'kernle', environment: 'dev' }));
    const r = await api.invoke('keys.import', { name: 'x', provider: 'kernel-sh', workspaceId: ws.id, secret: 'sk_wrong_workspace_0001' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { workspaceId: expect.stringContaining('Kernel') } } });
    expect(await must(api.invoke('keys.list', {}))).toEqual([]);
  });

  it('searches by name, masked form, scope and project, and filters by workspace, service and status', async () => {
    const ws = await must(api.invoke('workspaces.add', { name: 'Acme', provider: 'kernel-sh', environment: 'prod' }));
    await importKernel('deploy-bot', 'sk_aaaaaaaaaaaaaaaaaaaaaaaa1111', { workspaceId: ws.id, projectId: 'proj_web' });
    await importKernel('reporting', 'sk_bbbbbbbbbbbbbbbbbbbbbbbb2222', { scopes: ['read-only'], expiresAt: '2026-12-01' });
    await must(api.invoke('keys.import', { name: 'agent', provider: 'kernle', secret: 'knl_sk_0123456789abcdef0123456789abcdef' }));
    const names = async (input: Parameters<typeof api.invoke<'keys.list'>>[1]) => (await must(api.invoke('keys.list', input))).map((k) => k.name);

    expect(await names({ query: 'DEPLOY' })).toEqual(['deploy-bot']);
    expect(await names({ query: '2222' })).toEqual(['reporting']);
    expect(await names({ query: 'read-only' })).toEqual(['reporting']);
    expect(await names({ query: 'proj_web' })).toEqual(['deploy-bot']);
    expect(await names({ query: '%' })).toEqual([]);
    expect(await names({ workspaceId: ws.id })).toEqual(['deploy-bot']);
    expect(await names({ provider: 'kernle' })).toEqual(['agent']);
    expect(await names({ status: 'expired' })).toEqual([]);
    core.clock.set('2026-12-02T00:00:00Z');
    expect(await names({ status: 'expired' })).toEqual(['reporting']);
  });

  it('reveals only on request, and audits each reveal', async () => {
    const k = await importKernel('ci', 'sk_reveal_me_0000000000000000');
    expect(await must(api.invoke('keys.reveal', { id: k.id }))).toEqual({ id: k.id, secret: 'sk_reveal_me_0000000000000000' });
    const kinds = (await must(api.invoke('audit.list', { keyId: k.id }))).map((e) => e.kind);
    expect(kinds).toEqual(['revealed', 'imported']);
  });

  it('explains a secret removed from the keychain behind Keydeck\'s back', async () => {
    const k = await importKernel('ci', 'sk_vanishing_secret_000000000');
    await core.secrets.delete(k.id);
    const r = await api.invoke('keys.reveal', { id: k.id });
    expect(r).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringContaining('removed outside Keydeck') } });
  });

  it('deletes the local key together with its keychain item', async () => {
    const k = await importKernel('ci', 'sk_delete_me_00000000000000000');
    expect(await must(api.invoke('keys.delete', { id: k.id }))).toEqual({ id: k.id });
    expect(await core.secrets.get(k.id)).toBeNull();
    expect(await api.invoke('keys.get', { id: k.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const audit = await must(api.invoke('audit.list', { keyId: k.id }));
    expect(audit[0]).toMatchObject({ kind: 'deleted' });
    // the same secret can be imported again afterwards
    await importKernel('ci-again', 'sk_delete_me_00000000000000000');
  });
});
