import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliEnv, runCli } from '../../helpers/cli';
import { clientFor, makeTestCore, must, type TestCore } from '../../helpers/test-core';
import type { CoreEvent } from '../../../electron/core/ports';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const changed = (events: CoreEvent[]) => events.filter((e) => e.name === 'vault.changed').map((e) => (e.payload as { scope: string }).scope);

/** Waits on a condition the code under test makes true, with a deadline (not a sleep). */
async function until(cond: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the change feed: commits by another process reach this one', () => {
  let core: TestCore;
  beforeEach(() => {
    core = makeTestCore();
  });
  afterEach(() => core.cleanup());

  it('says nothing about our own writes', async () => {
    await must(clientFor(core.router).invoke('workspaces.add', { name: 'Acme', provider: 'kernel-sh', environment: 'dev' }));
    core.events.length = 0;
    expect(core.changes.check()).toBe(false);
    expect(changed(core.events)).toEqual([]);
  });

  it('turns a commit by the CLI into vault.changed for what it changed', async () => {
    expect(core.changes.check()).toBe(false);
    const r = await runCli(['workspace', 'add', '--name', 'FromCli', '--provider', 'kernle', '--env', 'prod'], { env: cliEnv(core.dataDir, core.service) });
    expect(r.code).toBe(0);
    core.events.length = 0;
    expect(core.changes.check()).toBe(true);
    expect(changed(core.events).sort()).toEqual(['audit', 'workspaces']);
    // Seen once: the next look finds nothing new.
    expect(core.changes.check()).toBe(false);
    const names = (await must(clientFor(core.router).invoke('workspaces.list', {}))).map((w) => w.name);
    expect(names).toContain('FromCli');
  });

  it('a key read elsewhere refreshes the audit views only; a key imported or a usage recorded elsewhere, the key views', async () => {
    const env = cliEnv(core.dataDir, core.service);
    const imported = await runCli(['import', '--name', 'from-cli', '--provider', 'kernle'], { env, stdin: 'sk-change-feed-00000000000000000001\n' });
    expect(imported.code, imported.stderr).toBe(0);
    core.events.length = 0;
    expect(core.changes.check()).toBe(true);
    expect(changed(core.events).sort()).toEqual(['audit', 'keys']);
    // `keydeck read` writes one audit entry: the window's key list has nothing to fetch.
    const read = await runCli(['read', 'from-cli'], { env });
    expect(read.code, read.stderr).toBe(0);
    core.events.length = 0;
    expect(core.changes.check()).toBe(true);
    expect(changed(core.events)).toEqual(['audit']);
    // A usage recorded elsewhere is shown with the key: the key views refresh.
    const folder = mkdtempSync(join(tmpdir(), 'keydeck-feed-usage-'));
    try {
      writeFileSync(join(folder, '.env'), 'KERNLE_API_KEY=\n');
      const usage = await runCli(['usage', 'add', 'from-cli', join(folder, '.env')], { env });
      expect(usage.code, usage.stderr).toBe(0);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
    core.events.length = 0;
    expect(core.changes.check()).toBe(true);
    expect(changed(core.events).sort()).toEqual(['audit', 'keys']);
  });

  it('a leak scan elsewhere that records findings tells the window and the tray (leaks.changed)', async () => {
    const secret = 'sk-change-feed-00000000000000000002';
    await must(clientFor(core.router).invoke('keys.import', { name: 'leaked', provider: 'kernle', secret }));
    expect(core.changes.check()).toBe(false);
    const folder = mkdtempSync(join(tmpdir(), 'keydeck-feed-leak-'));
    const leaksChanged = () => core.events.filter((e) => e.name === 'leaks.changed').map((e) => e.payload);
    try {
      writeFileSync(join(folder, '.env'), `KERNLE_API_KEY=${secret}\n`);
      const scan = await runCli(['scan', folder], { env: cliEnv(core.dataDir, core.service) });
      expect(scan.code, scan.stderr).toBe(3); // found something to act on
      core.events.length = 0;
      expect(core.changes.check()).toBe(true);
      expect(leaksChanged()).toEqual([{ openFindings: 1 }]);
      // Scanned again: the finding is seen again, no key changed (the first run gave the key its handle).
      const again = await runCli(['scan', folder], { env: cliEnv(core.dataDir, core.service) });
      expect(again.code, again.stderr).toBe(3);
      core.events.length = 0;
      expect(core.changes.check()).toBe(true);
      expect(leaksChanged()).toEqual([{ openFindings: 1 }]);
      expect(changed(core.events)).toEqual(['audit']);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('notices on its own once started, within a second', async () => {
    core.changes.start();
    core.events.length = 0;
    const r = await runCli(['workspace', 'add', '--name', 'Later', '--provider', 'kernle', '--env', 'dev'], { env: cliEnv(core.dataDir, core.service) });
    expect(r.code).toBe(0);
    const seenAt = Date.now();
    await until(() => changed(core.events).includes('workspaces'), 1500);
    expect(Date.now() - seenAt).toBeLessThan(1500);
    core.changes.stop();
  });

  it('stops looking when the core closes', () => {
    core.changes.start();
    core.close();
    expect(core.changes.check()).toBe(false);
  });
});
