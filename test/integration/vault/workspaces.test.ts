import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientFor, makeTestCore, must, type TestCore } from '../../helpers/test-core';

describe('workspaces', () => {
  let core: TestCore;
  let api: ReturnType<typeof clientFor>;
  beforeEach(() => {
    core = makeTestCore();
    api = clientFor(core.router);
  });
  afterEach(() => core.cleanup());

  it('uses the provider default base URL unless one is given', async () => {
    const a = await must(api.invoke('workspaces.add', { name: 'Acme', provider: 'kernel-sh', environment: 'prod' }));
    const b = await must(api.invoke('workspaces.add', { name: 'Lab', provider: 'kernle', environment: 'dev', baseUrl: 'http://127.0.0.1:9999/' }));
    expect(a).toMatchObject({ baseUrl: 'https://api.onkernel.com', environment: 'prod', color: 'slate', keyCount: 0, managementKeyId: null });
    expect(b.baseUrl).toBe('http://127.0.0.1:9999');
    expect((await must(api.invoke('workspaces.list', {}))).map((w) => w.name)).toEqual(['Acme', 'Lab']);
  });

  it('requires a base URL for self-hosted Kinesis, naming the field', async () => {
    const r = await api.invoke('workspaces.add', { name: 'Self', provider: 'kinesis', environment: 'staging' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { baseUrl: expect.stringContaining('required') } } });
  });

  it('refuses a second workspace of the same service with the same name, case-insensitively', async () => {
    await must(api.invoke('workspaces.add', { name: 'Acme', provider: 'kernel-sh', environment: 'prod' }));
    const r = await api.invoke('workspaces.add', { name: 'acme', provider: 'kernel-sh', environment: 'dev' });
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict', fields: { name: expect.any(String) } } });
    await must(api.invoke('workspaces.add', { name: 'Acme', provider: 'kernle', environment: 'dev' }));
  });

  it('renames and relabels, and audits each change', async () => {
    const ws = await must(api.invoke('workspaces.add', { name: 'Acme', provider: 'kernel-sh', environment: 'dev' }));
    core.clock.advance(60_000);
    const updated = await must(api.invoke('workspaces.update', { id: ws.id, name: 'Acme Corp', environment: 'staging', color: 'violet' }));
    expect(updated).toMatchObject({ name: 'Acme Corp', environment: 'staging', color: 'violet' });
    expect(updated.updatedAt > ws.updatedAt).toBe(true);
    const audit = await must(api.invoke('audit.list', { workspaceId: ws.id }));
    expect(audit.map((e) => e.kind)).toEqual(['workspace_updated', 'workspace_updated', 'workspace_renamed', 'workspace_added']);
  });

  it('will not remove a workspace that holds keys unless asked, then removes keys and keychain items', async () => {
    const ws = await must(api.invoke('workspaces.add', { name: 'Acme', provider: 'kernle', environment: 'prod' }));
    const k = await must(api.invoke('keys.import', { name: 'a', provider: 'kernle', workspaceId: ws.id, secret: 'sk-workspace-key-000001' }));
    const refused = await api.invoke('workspaces.remove', { id: ws.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'workspace_not_empty', message: expect.stringContaining('1 key') } });
    expect(await core.secrets.get(k.id)).toBe('sk-workspace-key-000001');

    expect(await must(api.invoke('workspaces.remove', { id: ws.id, deleteKeys: true }))).toEqual({ id: ws.id, deletedKeys: 1 });
    expect(await core.secrets.get(k.id)).toBeNull();
    expect(await must(api.invoke('workspaces.list', {}))).toEqual([]);
    expect(await must(api.invoke('keys.list', {}))).toEqual([]);
  });

  it('tells the renderer that workspaces changed', async () => {
    await must(api.invoke('workspaces.add', { name: 'Acme', provider: 'kernel-sh', environment: 'prod' }));
    expect(core.events).toContainEqual({ name: 'vault.changed', payload: { scope: 'workspaces' } });
  });

  it('answers not_found for an unknown workspace', async () => {
    expect(await api.invoke('workspaces.update', { id: 'w_missing', name: 'x' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await api.invoke('workspaces.remove', { id: 'w_missing' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
