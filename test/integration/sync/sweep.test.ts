import { afterEach, describe, expect, it } from 'vitest';
import { KernelImitation, KernleImitation } from '../../imitations';
import { must } from '../../helpers/test-core';
import { makeSyncCore, type SyncTestCore } from '../../helpers/providers/sync-core';

let core: SyncTestCore;
const servers: Array<{ stop(): Promise<void> }> = [];
afterEach(async () => {
  await core.cleanup();
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

async function kernelHost(workspaces: number, keysEach: number, latencyMs: number) {
  const server = new KernelImitation({ latencyMs });
  servers.push(server);
  const url = await server.start();
  const admins: string[] = [];
  for (let w = 0; w < workspaces; w++) {
    // One project per workspace, each with its own project-scoped management key.
    const project = `proj_${w}`;
    server.addProject(project, project);
    admins.push(server.seedKey({ name: `admin-${w}`, projectId: project }).secret);
    for (let k = 1; k < keysEach; k++) server.seedKey({ name: `k-${w}-${k}`, projectId: project });
  }
  return { server, url, admins };
}

async function connectAll(url: string, admins: string[], provider: 'kernel-sh' | 'kernle', prefix: string) {
  const ids: string[] = [];
  for (const [i, secret] of admins.entries()) {
    const ws = await must(core.api.invoke('workspaces.add', { name: `${prefix}-${i}`, provider, baseUrl: url, environment: 'dev' }));
    await must(core.api.invoke('workspaces.connect', { id: ws.id, secret }));
    ids.push(ws.id);
  }
  return ids;
}

describe('sweeping all workspaces', () => {
  it('refreshes every connected workspace, never more than perHost at once per host, and reports progress', async () => {
    core = makeSyncCore({ syncLimits: { concurrency: 4, perHost: 2 } });
    const a = await kernelHost(5, 3, 0);
    const b = await kernelHost(5, 3, 0);
    const ids = [...(await connectAll(a.url, a.admins, 'kernel-sh', 'a')), ...(await connectAll(b.url, b.admins, 'kernel-sh', 'b'))];
    a.server.latencyMs = 25;
    b.server.latencyMs = 25;
    a.server.resetStats();
    b.server.resetStats();
    core.events.length = 0;

    const report = await must(core.api.invoke('workspaces.sweep', {}));
    expect(report).toMatchObject({ total: 10, succeeded: 10, failed: [] });
    expect(a.server.getStats().peakInFlight).toBe(2);
    expect(b.server.getStats().peakInFlight).toBe(2);
    const progress = core.events.filter((e) => e.name === 'sync.progress').map((e) => e.payload as { state: string; done: number; workspaceId: string; sweepId: string });
    expect(progress.filter((p) => p.state === 'started')).toHaveLength(10);
    expect(progress.filter((p) => p.state === 'synced').map((p) => p.done).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(new Set(progress.map((p) => p.sweepId))).toEqual(new Set([report.sweepId]));
    expect(new Set(progress.map((p) => p.workspaceId))).toEqual(new Set(ids));
  });

  it('one failing workspace does not stop the others; its failure is reported with a code', async () => {
    core = makeSyncCore();
    const a = await kernelHost(2, 2, 0);
    const kernle = new KernleImitation({ shape: 'B' });
    servers.push(kernle);
    const kUrl = await kernle.start();
    const user = kernle.addUser('x@example.com');
    const kAdmin = kernle.seedKey(user, 'keydeck');
    const ids = await connectAll(a.url, a.admins, 'kernel-sh', 'k');
    const [kernleWs] = await connectAll(kUrl, [kAdmin.secret], 'kernle', 'n');
    kernle.quota = kernle.usage; // the next call is over quota
    core.events.length = 0;
    const report = await must(core.api.invoke('workspaces.sweep', {}));
    expect(report.total).toBe(3);
    expect(report.succeeded).toBe(2);
    expect(report.failed).toEqual([{ workspaceId: kernleWs, code: 'rate_limited', message: expect.stringContaining('Try again in 3600 s') }]);
    expect(JSON.stringify(report)).not.toContain(kAdmin.secret);
    const failed = core.events.filter((e) => e.name === 'sync.progress' && (e.payload as { state: string }).state === 'failed');
    expect(failed.map((e) => (e.payload as { code?: string }).code)).toEqual(['rate_limited']);
    expect(ids).toHaveLength(2);
  });

  it('skips workspaces that are not connected', async () => {
    core = makeSyncCore();
    await must(core.api.invoke('workspaces.add', { name: 'manual', provider: 'kernel-sh', environment: 'dev' }));
    const report = await must(core.api.invoke('workspaces.sweep', {}));
    expect(report).toMatchObject({ total: 0, succeeded: 0, failed: [] });
  });
});
