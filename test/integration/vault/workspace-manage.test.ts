import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDemo, type DemoImitations } from '../../imitations';
import { must } from '../../helpers/test-core';
import { makeSyncCore, type SyncTestCore } from '../../helpers/providers/sync-core';

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

/** A web server where someone expected the API: every path answers a 404 HTML page. */
async function htmlSite(status = 404): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((_req, res) => res.writeHead(status, { 'Content-Type': 'text/html' }).end('<!doctype html><title>Not found</title><h1>Page not found</h1>'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const connectError = async (id: string, secret: string) => {
  const r = await core.api.invoke('workspaces.connect', { id, secret });
  if (r.ok) throw new Error('connect should have failed');
  return r.error;
};

describe('managing a workspace', () => {
  it('edits name, base URL, environment and colour, each change audited', async () => {
    const ws = await must(core.api.invoke('workspaces.add', { name: 'Acme', provider: 'kernel-sh', environment: 'dev', baseUrl: demo.urls.kernel }));
    const updated = await must(core.api.invoke('workspaces.update', { id: ws.id, name: 'Acme prod', baseUrl: 'https://api.onkernel.com', environment: 'prod', color: 'violet' }));
    expect(updated).toMatchObject({ name: 'Acme prod', baseUrl: 'https://api.onkernel.com', environment: 'prod', color: 'violet' });
    const audit = await must(core.api.invoke('audit.list', { workspaceId: ws.id }));
    expect(audit.map((e) => e.summary)).toEqual(
      expect.arrayContaining([
        'Renamed workspace "Acme" to "Acme prod"',
        `Changed the base URL from ${demo.urls.kernel} to https://api.onkernel.com of workspace "Acme prod"`.replace(/the base URL from (.*) to (.*) of workspace/, 'the base URL from $1 to $2 of workspace'),
        'Changed the environment from dev to prod of workspace "Acme prod"',
        'Changed the colour from slate to violet of workspace "Acme prod"',
      ]),
    );
    // Nothing changed, nothing audited.
    const before = (await must(core.api.invoke('audit.list', { workspaceId: ws.id }))).length;
    await must(core.api.invoke('workspaces.update', { id: ws.id, environment: 'prod' }));
    expect((await must(core.api.invoke('audit.list', { workspaceId: ws.id }))).length).toBe(before);
  });

  it('removes a connected workspace with its keys and every keychain item, and adding it again works', async () => {
    const add = () => must(core.api.invoke('workspaces.add', { name: 'Acme', provider: 'kernel-sh', environment: 'prod', baseUrl: demo.urls.kernel }));
    const ws = await add();
    const report = await must(core.api.invoke('workspaces.connect', { id: ws.id, secret: demo.managementKeys.kernel }));
    await must(core.api.invoke('keys.import', { name: 'local', provider: 'kernel-sh', workspaceId: ws.id, secret: 'sk_live_local_0123456789abcdef01234' }));
    const keyItems = async () => (await core.secrets.find()).filter((i) => i.account.startsWith('k_'));
    expect((await keyItems()).length).toBe(2);

    const refused = await core.api.invoke('workspaces.remove', { id: ws.id });
    expect(refused.ok ? null : refused.error.code).toBe('workspace_not_empty');
    const removed = await must(core.api.invoke('workspaces.remove', { id: ws.id, deleteKeys: true }));
    expect(removed.deletedKeys).toBeGreaterThanOrEqual(2);
    expect(await core.secrets.get(report.managementKeyId)).toBeNull();
    expect(await keyItems()).toEqual([]);
    expect(await must(core.api.invoke('keys.list', {}))).toEqual([]);
    const audit = await must(core.api.invoke('audit.list', { workspaceId: ws.id }));
    expect(audit[0]).toMatchObject({ kind: 'workspace_removed' });

    // The same name, the same service, the same management key: a clean start.
    const again = await add();
    const r2 = await must(core.api.invoke('workspaces.connect', { id: again.id, secret: demo.managementKeys.kernel }));
    expect(r2.listed).toBe(true);
  });
});

describe('a connect error names the likely cause', () => {
  it('a web page where the API should be: the base URL', async () => {
    const site = await htmlSite();
    try {
      const ws = await must(core.api.invoke('workspaces.add', { name: 'Wrong URL', provider: 'asimov-kernel', environment: 'dev', baseUrl: site.url }));
      const e = await connectError(ws.id, 'asm_0123456789abcdef0123456789');
      expect(e.message).toMatch(/base URL is most likely wrong|base URL most likely points at a web page/);
      expect(e.message).not.toMatch(/project/);
    } finally {
      await site.close();
    }
  });

  it('a 200 HTML page: not the API, the base URL', async () => {
    const site = await htmlSite(200);
    try {
      const ws = await must(core.api.invoke('workspaces.add', { name: 'Landing page', provider: 'kernel-sh', environment: 'dev', baseUrl: site.url }));
      const e = await connectError(ws.id, 'sk_live_0123456789abcdef0123456789');
      expect(e.code).toBe('malformed_response');
      expect(e.message).toContain('base URL most likely points at a web page');
    } finally {
      await site.close();
    }
  });

  it('nothing listening: the host', async () => {
    const site = await htmlSite();
    await site.close();
    const ws = await must(core.api.invoke('workspaces.add', { name: 'Nobody home', provider: 'kernel-sh', environment: 'dev', baseUrl: site.url }));
    const e = await connectError(ws.id, 'sk_live_0123456789abcdef0123456789');
    expect(e.code).toBe('network');
    expect(e.message).toContain('could not reach');
    expect(e.message).toContain('host name may be wrong');
  });

  it('the right address and a wrong key: the key, not the address', async () => {
    const ws = await must(core.api.invoke('workspaces.add', { name: 'Acme', provider: 'kernel-sh', environment: 'dev', baseUrl: demo.urls.kernel }));
    const e = await connectError(ws.id, 'sk_live_wrong_0123456789abcdef0123');
    expect(e.code).toBe('auth_failed');
    expect(e.message).toContain('rejected the management key');
    expect(e.message).toContain('the address is fine');
  });

  it('a key without the scope to list: the scope', async () => {
    const user = [...demo.asimov.users.keys()][0]!;
    const writeOnly = demo.asimov.issueToken(user, { name: 'w', scopes: ['write'] });
    const ws = await must(core.api.invoke('workspaces.add', { name: 'Lab', provider: 'asimov-kernel', environment: 'dev', baseUrl: demo.urls.asimov }));
    const e = await connectError(ws.id, writeOnly.secret);
    expect(e.code).toBe('forbidden');
    expect(e.message).toContain('lacks the scope or role');
  });
});
