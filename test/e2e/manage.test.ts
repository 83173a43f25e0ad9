/**
 * Workspace management and "the present first" in the window, over the kernel.sh imitation:
 * edit, replace the management key, a wrong base URL explained as such, remove (typed
 * confirmation, keychain emptied), add again; the Working filter, workspace search, revoked
 * leftovers hidden, and the rotate dialog's focus on the selected grace.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KernelImitation } from '../imitations';
import { testHttp } from '../helpers/providers/http';
import { clientFor, must, TestClock } from '../helpers/test-core';
import { cliEnv, runCli } from '../helpers/cli';
import { type App, closeClean, launchBrowser, openApp } from './harness';
import { addWorkspace, keyRow, rowAction, waitForWorkspace, workspaceItem } from './flows';
import { seriousViolations } from './axe';

let browser: Browser;
let app: App;
let server: KernelImitation;
let site: Server;
let siteUrl: string;

beforeAll(async () => {
  server = new KernelImitation();
  site = createServer((_req, res) => res.writeHead(404, { 'Content-Type': 'text/html' }).end('<!doctype html><h1>Not found</h1>'));
  await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  [browser] = await Promise.all([launchBrowser(), server.start()]);
  app = await openApp(browser, { clock: new TestClock(Date.now()), realPageClock: true, deps: { http: testHttp().http } });
});
// The wrong-URL step makes the core (not the page) call a 404 site: nothing of that reaches the page's console.
afterAll(() => closeClean(app, () => Promise.all([browser?.close(), server?.stop(), new Promise<void>((r) => site.close(() => r()))])));

const api = () => clientFor(app.core.router);
const nav = () => app.page.getByRole('navigation', { name: 'Workspaces' });

describe('workspace management in the window', () => {
  let wsId: string;

  it('edits a workspace: name and environment, audited', async () => {
    const { page } = app;
    const admin = server.seedKey({ name: 'admin' }).secret;
    const ws = await must(api().invoke('workspaces.add', { name: 'Acme', provider: 'kernel-sh', environment: 'dev', baseUrl: server.url }));
    wsId = ws.id;
    await must(api().invoke('workspaces.connect', { id: ws.id, secret: admin }));
    await waitForWorkspace(page, 'Acme', 'dev', 1);
    await workspaceItem(page, 'Acme').click();

    await page.getByRole('button', { name: 'Edit workspace Acme' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit Acme' });
    await dialog.getByLabel('Name').fill('Acme prod');
    await dialog.getByText('Production', { exact: true }).click();
    await app.screenshots('workspace-edit');
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog.waitFor({ state: 'detached' });
    await waitForWorkspace(page, 'Acme prod', 'prod', 1);
    const audit = await must(api().invoke('audit.list', { workspaceId: ws.id }));
    expect(audit.map((e) => e.summary)).toEqual(expect.arrayContaining(['Renamed workspace "Acme" to "Acme prod"', 'Changed the environment from dev to prod of workspace "Acme prod"']));
  });

  it('explains a wrong base URL as the base URL, and replaces the management key once it is fixed', async () => {
    const { page } = app;
    await must(api().invoke('workspaces.update', { id: wsId, baseUrl: siteUrl }));
    const replacement = server.seedKey({ name: 'admin-2' }).secret;
    await page.getByRole('button', { name: 'Edit workspace Acme prod' }).click();
    await page.getByRole('dialog', { name: 'Edit Acme prod' }).getByRole('button', { name: 'Replace management key…' }).click();
    const connect = page.getByRole('dialog', { name: 'Replace the management key of Acme prod' });
    await connect.getByLabel('Management key').fill(replacement);
    await connect.getByRole('button', { name: 'Connect' }).click();
    const error = connect.getByRole('alert');
    await error.waitFor();
    expect(await error.textContent()).toContain('base URL is most likely wrong');
    expect(await error.textContent()).not.toContain('project');
    await app.screenshots('workspace-wrong-url');
    await connect.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('button', { name: 'Edit workspace Acme prod' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit Acme prod' });
    await dialog.getByLabel('Base URL').fill(server.url);
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog.waitFor({ state: 'detached' });
    const before = (await must(api().invoke('workspaces.list', {}))).find((w) => w.id === wsId)!.managementKeyId;
    await page.getByRole('button', { name: 'Edit workspace Acme prod' }).click();
    await page.getByRole('dialog', { name: 'Edit Acme prod' }).getByRole('button', { name: 'Replace management key…' }).click();
    await connect.getByLabel('Management key').fill(replacement);
    await connect.getByRole('button', { name: 'Connect' }).click();
    await connect.waitFor({ state: 'detached' });
    const after = (await must(api().invoke('workspaces.list', {}))).find((w) => w.id === wsId)!.managementKeyId;
    expect(after).not.toBe(before);
    expect(await app.core.secrets.get(after!)).toBe(replacement);
  });

  it('removes the workspace with its keys after its name is typed, and adding it again works', async () => {
    const { page } = app;
    const keyIds = (await must(api().invoke('keys.list', { workspaceId: wsId }))).map((k) => k.id);
    expect(keyIds.length).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Edit workspace Acme prod' }).click();
    await page.getByRole('dialog', { name: 'Edit Acme prod' }).getByRole('button', { name: 'Remove workspace…' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Remove “Acme prod”?' });
    const remove = confirm.getByRole('button', { name: 'Remove workspace' });
    expect(await remove.getAttribute('aria-disabled')).toBe('true');
    // Enter with the wrong name does nothing: the dialog stays, nothing is removed.
    await confirm.getByLabel('Type Acme prod to confirm').fill('Acme');
    await confirm.getByLabel('Type Acme prod to confirm').press('Enter');
    expect(await confirm.isVisible()).toBe(true);
    expect((await must(api().invoke('workspaces.list', {}))).some((w) => w.id === wsId)).toBe(true);
    await confirm.getByLabel('Type Acme prod to confirm').fill('Acme prod');
    await app.screenshots('workspace-remove');
    expect(await seriousViolations(page)).toEqual([]);
    await remove.click();
    await confirm.waitFor({ state: 'detached' });
    await page.getByRole('heading', { level: 1, name: 'All keys' }).waitFor();
    await workspaceItem(page, 'Acme prod').waitFor({ state: 'detached' });
    for (const id of keyIds) expect(await app.core.secrets.get(id)).toBeNull();

    await addWorkspace(page, { name: 'Acme prod', service: 'Kernel — kernel.sh', environment: 'Production', baseUrl: server.url });
    await waitForWorkspace(page, 'Acme prod', 'prod', 0);
  });
});

describe('the present first', () => {
  it('Working, workspace search, revoked hidden by default, and the rotate dialog focused on the selected grace', async () => {
    const { page } = app;
    const admin = server.seedKey({ name: 'admin-3' }).secret;
    const staging = await must(api().invoke('workspaces.add', { name: 'Acme staging', provider: 'kernel-sh', environment: 'staging', baseUrl: server.url }));
    await must(api().invoke('workspaces.connect', { id: staging.id, secret: admin }));
    const deploy = await must(api().invoke('keys.create', { workspaceId: staging.id, name: 'deploy', expiresInDays: 30 }));
    const old = await must(api().invoke('keys.create', { workspaceId: staging.id, name: 'old-cron', expiresInDays: 30 }));
    await must(api().invoke('keys.revoke', { id: old.key.id }));
    await must(api().invoke('keys.import', { name: 'lapsed', provider: 'kernel-sh', secret: 'sk_live_lapsed_0123456789abcdef012', expiresAt: '2020-01-01' }));
    await must(api().invoke('keys.import', { name: 'forever', provider: 'kernle', secret: 'kn_test_forever_0123456789abcdef01' }));
    await nav().getByRole('button', { name: /^All keys/ }).click();
    await keyRow(page, 'deploy').waitFor();

    // Revoked leftovers are hidden until asked for.
    expect(await keyRow(page, 'old-cron').count()).toBe(0);
    await page.getByLabel('Show revoked').check();
    await keyRow(page, 'old-cron').waitFor();
    await page.getByLabel('Show revoked').uncheck();
    await keyRow(page, 'old-cron').waitFor({ state: 'detached' });

    // Working: active, never expiring, in grace — not the expired one.
    await page.getByLabel('Status').selectOption({ label: 'Working' });
    await keyRow(page, 'lapsed').waitFor({ state: 'detached' });
    for (const name of ['deploy', 'forever']) expect(await keyRow(page, name).count()).toBe(1);
    await page.getByLabel('Status').selectOption({ label: 'Any status' });

    // Search matches the workspace's name and environment.
    await page.getByRole('searchbox', { name: 'Search keys' }).fill('staging');
    await keyRow(page, 'forever').waitFor({ state: 'detached' });
    expect(await keyRow(page, 'deploy').count()).toBe(1);
    expect(await api().invoke('keys.list', { query: 'staging', current: true })).toMatchObject({ ok: true, value: expect.arrayContaining([expect.objectContaining({ name: 'deploy' })]) });
    await page.getByRole('searchbox', { name: 'Search keys' }).fill('');

    // The rotate dialog starts on the grace that is selected, so an arrow key cannot silently change it.
    await rowAction(page, 'deploy', 'Rotate…');
    const rotate = page.getByRole('dialog', { name: 'Rotate “deploy”' });
    await rotate.waitFor();
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLInputElement;
      return { checked: el.checked, label: el.closest('label')?.textContent };
    });
    expect(focused).toEqual({ checked: true, label: '7 days' });
    await page.keyboard.press('Escape');
    await rotate.waitFor({ state: 'detached' });
    void deploy;
  });

  it('"Needs attention" is a view with the count keydeck gives, and a snooze is marked and undoable', async () => {
    const { page } = app;
    const cli = await runCli(['attention', '--json'], { env: cliEnv(app.core.dataDir, app.core.service) });
    expect(cli.code).toBe(0);
    const fromCli = JSON.parse(cli.stdout) as { count: number; warnings: Array<{ keyName: string }> };
    expect(fromCli.count).toBeGreaterThan(0);
    expect(fromCli.warnings.map((w) => w.keyName)).toContain('lapsed');

    const item = nav().getByRole('button', { name: /^Needs attention/ });
    await expect.poll(() => item.locator('.attention-count').textContent(), { message: JSON.stringify(fromCli) }).toBe(String(fromCli.count));
    await item.click();
    await page.getByRole('heading', { level: 1, name: 'Needs attention' }).waitFor();
    const warnings = page.getByRole('region', { name: 'Expiring and expired' });
    expect(await warnings.getByRole('listitem').count()).toBe(fromCli.warnings.length);
    await app.screenshots('attention');
    expect(await seriousViolations(page)).toEqual([]);

    // Snooze: the key moves to "Snoozed", marked, with an undo; the count drops by one and comes back.
    await warnings.getByRole('listitem').filter({ hasText: 'lapsed' }).getByRole('button', { name: 'Snooze until next tier' }).click();
    const snoozed = page.getByRole('region', { name: 'Snoozed' });
    await snoozed.getByText('lapsed').waitFor();
    expect(await snoozed.textContent()).toContain('snoozed until its next tier');
    const after = JSON.parse((await runCli(['attention', '--json'], { env: cliEnv(app.core.dataDir, app.core.service) })).stdout) as { count: number };
    expect(after.count).toBe(fromCli.count - 1);
    await snoozed.getByRole('button', { name: 'Unsnooze' }).click();
    await snoozed.waitFor({ state: 'detached' });
    expect((await must(api().invoke('attention.list', {}))).count).toBe(fromCli.count);
  });
});
