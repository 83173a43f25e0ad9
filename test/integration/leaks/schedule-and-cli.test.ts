import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { clientFor, makeTestCore, must, type TestCore } from '../../helpers/test-core';
import { secretFor, TestRepo } from '../../helpers/leaks';
import { cliEnv, runCli } from '../../helpers/cli';

describe('leak finder: schedule, notification, tray', () => {
  let root: string;
  let core: TestCore;
  const secret = secretFor('sched');

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'keydeck-leaks-sched-'));
    core = makeTestCore();
  });
  afterAll(async () => {
    core?.close();
    await core?.cleanup();
    rmSync(root, { recursive: true, force: true });
  });

  it('off by default; daily runs a scan when due on the injected clock, and new findings raise a notification and a tray entry', async () => {
    const api = clientFor(core.router);
    const key = await must(api.invoke('keys.import', { name: 'sched-key', provider: 'kernle', secret }));
    const repo = new TestRepo(join(root, 'repo'));
    repo.commit({ 'a.txt': 'nothing\n' });
    await must(api.invoke('leaks.addSource', { path: repo.dir }));
    await must(api.invoke('expiry.check', {}));

    core.leakScheduler.start();
    expect(core.leakScheduler.nextDueAt()).toBeNull();
    expect(core.leakScheduler.lastDelayMs).toBeNull();

    await must(api.invoke('settings.update', { leakScanSchedule: 'daily' }));
    // Never scanned: due now.
    expect(core.leakScheduler.lastDelayMs).toBe(0);
    const scans = () => core.events.filter((e) => e.name === 'leaks.progress' && e.payload.phase === 'finished').length;
    const fire = async () => {
      const before = scans();
      const t = core.timers.pending.find((p) => p.ms === core.leakScheduler.lastDelayMs)!;
      core.timers.pending = core.timers.pending.filter((p) => p !== t);
      t.fn();
      await vi.waitFor(() => expect(scans()).toBe(before + 1), { timeout: 10_000, interval: 20 });
    };
    await fire();
    expect((await must(api.invoke('leaks.overview', {}))).lastScan?.trigger).toBe('schedule');
    expect(core.notices.shown.filter((n) => n.id === 'leaks')).toEqual([]);

    // Next due a day later; the timer never waits longer than 15 minutes (sleep, clock changes).
    await vi.waitFor(() => expect(core.leakScheduler.lastDelayMs).toBe(15 * 60_000), { timeout: 5000, interval: 10 });
    expect(core.leakScheduler.nextDueAt()?.toISOString()).toBe('2026-11-24T12:00:00.000Z');

    repo.commit({ 'b.txt': `x\ny=${secret}\n` });
    core.clock.advance(24 * 60 * 60_000);
    await fire();
    const notice = core.notices.shown.find((n) => n.id === 'leaks')!;
    expect(notice).toMatchObject({ title: 'Keydeck found 1 new leak', keyId: key.id });
    expect(notice.body).not.toContain(secret);
    // The watcher's next look (in the app: at once, as a scan's change resumes it) puts the key first in the tray.
    await must(api.invoke('expiry.check', {}));
    const tray = core.tray.at(-1)!;
    expect(tray.items[0]).toMatchObject({ keyId: key.id, label: 'sched-key — leaked (1 place)' });
    expect(tray.badgeCount).toBe(1);

    // Resolved: the tray entry goes.
    const [f] = await must(api.invoke('leaks.list', {}));
    await must(api.invoke('leaks.resolve', { id: f!.id }));
    await must(api.invoke('expiry.check', {}));
    expect(core.tray.at(-1)!.items.some((i) => i.keyId === key.id)).toBe(false);

    await must(api.invoke('settings.update', { leakScanSchedule: 'off' }));
    expect(core.leakScheduler.nextDueAt()).toBeNull();
  });
});

describe('keydeck scan (the built CLI, a separate process)', () => {
  let root: string;
  let core: TestCore;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'keydeck-leaks-cli-'));
    core = makeTestCore();
  });
  afterAll(async () => {
    await core?.cleanup();
    rmSync(root, { recursive: true, force: true });
  });

  it('scans the given paths, prints where (never the value), and exits 3 while open findings exist', async () => {
    const api = clientFor(core.router);
    const secret = secretFor('cli');
    await must(api.invoke('keys.import', { name: 'cli-key', provider: 'kernle', secret }));
    const repo = new TestRepo(join(root, 'work', 'repo'));
    const commit = repo.commit({ 'src/config.ts': `export const a = 1;\nexport const key = '${secret}';\n` });
    const clean = join(root, 'clean');
    mkdirSync(clean);
    writeFileSync(join(clean, '.env'), 'A=1\n');
    const home = join(root, 'home');
    mkdirSync(home);
    const env = cliEnv(core.dataDir, core.service, { HOME: home });

    const json = await runCli(['scan', '--json', join(root, 'work')], { env });
    expect(json.code).toBe(3);
    const out = JSON.parse(json.stdout) as { report: { foundOpen: number }; findings: Array<{ id: string; commit: string; line: number }> };
    expect(out.report.foundOpen).toBe(1);
    expect(out.findings).toMatchObject([{ commit, line: 2 }]);

    const human = await runCli(['scan', join(root, 'work')], { env });
    expect(human.stdout).toContain(`LEAK  ${out.findings[0]!.id}  cli-key  ${repo.dir} · ${commit.slice(0, 7)} · src/config.ts:2`);
    expect(human.stdout + human.stderr).not.toContain(secret);
    expect(human.code).toBe(3);

    // Rotated (elsewhere): marked resolved from the CLI, a rescan finds the place again but keeps it closed.
    const resolved = await runCli(['scan', '--resolve', out.findings[0]!.id], { env });
    expect(resolved.code).toBe(0);
    expect(resolved.stdout).toContain(`Resolved ${out.findings[0]!.id} (cli-key,`);
    expect((await runCli(['scan', join(root, 'work')], { env })).code).toBe(0);
    const unknown = await runCli(['scan', '--resolve', 'lf_nope'], { env });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/not_found/);

    const none = await runCli(['scan', clean], { env });
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('No open findings.');

    const missing = await runCli(['scan', join(root, 'nope')], { env });
    expect(missing.code).toBe(0);
    expect(missing.stderr).toMatch(/nope: not scanned — .*does not exist/);
  });
});
