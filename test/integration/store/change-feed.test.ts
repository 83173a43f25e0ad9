import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliEnv, runCli } from '../../helpers/cli';
import { clientFor, makeTestCore, must, type TestCore } from '../../helpers/test-core';
import type { CoreEvent } from '../../../electron/core/ports';

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

  it('turns a commit by the CLI into vault.changed for every scope', async () => {
    expect(core.changes.check()).toBe(false);
    const r = await runCli(['workspace', 'add', '--name', 'FromCli', '--provider', 'kernle', '--env', 'prod'], { env: cliEnv(core.dataDir, core.service) });
    expect(r.code).toBe(0);
    core.events.length = 0;
    expect(core.changes.check()).toBe(true);
    expect(changed(core.events).sort()).toEqual(['audit', 'keys', 'workspaces']);
    // Seen once: the next look finds nothing new.
    expect(core.changes.check()).toBe(false);
    const names = (await must(clientFor(core.router).invoke('workspaces.list', {}))).map((w) => w.name);
    expect(names).toContain('FromCli');
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
