import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/create-core';
import { silentLogger } from '../../../electron/core/log';
import type { SecretStore } from '../../../electron/core/ports';
import { KeyringSecretStore } from '../../../electron/core/store/keyring-secret-store';
import { startDemo, type DemoImitations } from '../../imitations';
import { clientFor, disposeTestCore, ManualTimers, must, TestClock, testService } from '../../helpers/test-core';
import { testHttp } from '../../helpers/providers/http';

/** The keychain is a D-Bus round trip per read: a rotation reads the old secret only to rewrite a recorded .env. */
describe('keychain reads during a rotation', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function rotationCore() {
    const demo: DemoImitations = await startDemo();
    cleanups.push(() => demo.stop());
    const store = new KeyringSecretStore(testService());
    const reads: string[] = [];
    const secrets: SecretStore = {
      get: (account) => (reads.push(account), store.get(account)),
      set: (account, secret) => store.set(account, secret),
      delete: (account) => store.delete(account),
      find: () => store.find(),
    };
    const dataDir = mkdtempSync(join(tmpdir(), 'keydeck-reads-'));
    const core = createCore({ dataDir, secrets, clock: new TestClock(Date.now()), logger: silentLogger, timers: new ManualTimers(), http: testHttp().http });
    cleanups.push(() => disposeTestCore(core, store, dataDir));
    const api = clientFor(core.router);
    const ws = await must(api.invoke('workspaces.add', { name: 'Acme', provider: 'kernel-sh', baseUrl: demo.urls.kernel, environment: 'dev' }));
    await must(api.invoke('workspaces.connect', { id: ws.id, secret: demo.managementKeys.kernel }));
    const created = await must(api.invoke('keys.create', { workspaceId: ws.id, name: 'deploy-bot' }));
    return { api, reads, dataDir, created };
  }

  it('does not read the old secret when no .env file is recorded for the key', async () => {
    const { api, reads, created } = await rotationCore();
    reads.length = 0;
    const result = await must(api.invoke('keys.rotate', { id: created.key.id, graceSeconds: 0 }));
    expect(result.state).toBe('done');
    expect(reads.filter((a) => a === created.key.id)).toEqual([]);
  });

  it('reads it, and rewrites the file, when one is recorded', async () => {
    const { api, reads, dataDir, created } = await rotationCore();
    const envFile = join(dataDir, 'app.env');
    writeFileSync(envFile, `API_KEY=${created.secret}\n`, { mode: 0o600 });
    await must(api.invoke('usages.add', { keyId: created.key.id, envVar: 'API_KEY', filePath: envFile }));
    reads.length = 0;
    const result = await must(api.invoke('keys.rotate', { id: created.key.id, graceSeconds: 0 }));
    expect(result.state).toBe('done');
    expect(reads.filter((a) => a === created.key.id).length).toBeGreaterThan(0);
    expect(result.usages.map((u) => u.outcome)).toEqual(['updated']);
  });
});
