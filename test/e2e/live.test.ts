/**
 * The window stays current while another process changes the vault: the BUILT CLI, a separate
 * process on the same data directory and keychain, rotates a key, removes a workspace and imports
 * a key; the open window shows each within a second (the core's change feed polls every 250 ms).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KernelImitation } from '../imitations';
import { cliEnv, runCli } from '../helpers/cli';
import { testHttp } from '../helpers/providers/http';
import { clientFor, must, TestClock, testClipboard } from '../helpers/test-core';
import { type App, closeClean, launchBrowser, openApp } from './harness';
import { keyRow, waitForWorkspace } from './flows';

let browser: Browser;
let app: App;
let server: KernelImitation;
const clipboard = testClipboard();

beforeAll(async () => {
  server = new KernelImitation();
  [browser] = await Promise.all([launchBrowser(), server.start()]);
  app = await openApp(browser, { clock: new TestClock(Date.now()), realPageClock: true, deps: { http: testHttp().http, clipboard } });
});
afterAll(() => closeClean(app, () => Promise.all([browser?.close(), server?.stop()])));

const api = () => clientFor(app.core.router);

async function cli(args: string[], stdin?: string): Promise<string> {
  const r = await runCli(args, { env: cliEnv(app.core.dataDir, app.core.service), stdin });
  expect(r.stderr, `keydeck ${args.join(' ')}`).toBe('');
  expect(r.code).toBe(0);
  return r.stdout.trim();
}

/** Resolves when `check` holds in the page; fails if that takes a second or more from now. */
async function withinOneSecond(page: Page, what: string, check: () => Promise<boolean>): Promise<number> {
  const started = performance.now();
  for (;;) {
    if (await check()) return performance.now() - started;
    if (performance.now() - started >= 1_000) throw new Error(`the window did not show ${what} within 1 s`);
    await page.waitForTimeout(20);
  }
}

describe('a live window while the CLI changes the vault', () => {
  it('follows a rotation, a removed workspace and an import made by another process', async () => {
    const { page } = app;
    const admin = server.seedKey({ name: 'admin' }).secret;
    const acme = await must(api().invoke('workspaces.add', { name: 'Acme dev', provider: 'kernel-sh', environment: 'dev', baseUrl: server.url }));
    await must(api().invoke('workspaces.connect', { id: acme.id, secret: admin }));
    const created = await must(api().invoke('keys.create', { workspaceId: acme.id, name: 'deploy', expiresInDays: 30 }));
    const sandbox = await must(api().invoke('workspaces.add', { name: 'Old sandbox', provider: 'kernle', environment: 'dev' }));
    await must(api().invoke('keys.import', { name: 'sandbox-key', provider: 'kernle', workspaceId: sandbox.id, secret: 'kn_test_sandbox0123456789abcdef0123' }));

    await keyRow(page, 'deploy').waitFor();
    await waitForWorkspace(page, 'Old sandbox', 'dev', 1);
    // The key is open in the detail pane while the CLI rotates it.
    await page.getByRole('rowheader').getByRole('button', { name: 'deploy' }).click();
    const pane = page.getByRole('complementary', { name: 'deploy' });
    await pane.waitFor();
    const oldMasked = created.key.masked;
    expect(await pane.locator('.detail-sub .masked').textContent()).toBe(oldMasked);

    const rotated = await cli(['rotate', created.key.id, '--grace', '1h']);
    expect(rotated).toMatch(/^sk_/);
    const next = (await must(api().invoke('keys.list', { current: true }))).find((k) => k.name === 'deploy')!;
    expect(next.id).not.toBe(created.key.id);
    const rotationMs = await withinOneSecond(page, 'the rotated key', async () => (await keyRow(page, 'deploy').locator('.masked').allTextContents()).join() === next.masked);
    // One row for the name (the old generation folds under it), and the pane followed the new key.
    expect(await keyRow(page, 'deploy').count()).toBe(1);
    await withinOneSecond(page, 'the detail pane on the new key', async () => (await pane.locator('.detail-sub .masked').textContent()) === next.masked);
    await pane.getByRole('heading', { name: 'Earlier generations' }).waitFor();
    expect(await pane.locator('.generations').textContent()).toContain(oldMasked);

    // Copy on the row copies the secret the CLI just made, not the stale one (and no "keychain no longer holds" error).
    await pane.getByRole('button', { name: 'Copy secret' }).click();
    await expect.poll(() => clipboard.text).toBe(rotated);
    clipboard.clear();
    await page.getByRole('button', { name: 'Close details' }).click();
    await page.getByRole('button', { name: 'Copy deploy' }).click();
    await expect.poll(() => clipboard.text).toBe(rotated);
    expect(await page.getByRole('main').getByRole('alert').count()).toBe(0);

    await cli(['call', 'workspaces.remove', JSON.stringify({ id: sandbox.id, deleteKeys: true })]);
    const removeMs = await withinOneSecond(page, 'the removed workspace gone', async () => (await page.getByRole('navigation', { name: 'Workspaces' }).getByText('Old sandbox').count()) === 0);
    expect(await keyRow(page, 'sandbox-key').count()).toBe(0);

    await cli(['import', '--name', 'cli-imported', '--provider', 'kernel-sh', '--workspace', acme.id], 'sk_live_cli_0123456789abcdef0123456789\n');
    const importMs = await withinOneSecond(page, 'the imported key', async () => (await keyRow(page, 'cli-imported').count()) === 1);
    await app.screenshots('live-after-cli');
    console.info(`live window: rotation ${Math.round(rotationMs)} ms, removal ${Math.round(removeMs)} ms, import ${Math.round(importMs)} ms after the CLI exited`);
  });
});
