import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { must } from '../helpers/test-core';
import { clientFor } from '../helpers/test-core';
import { type App, closeClean, launchBrowser, openApp } from './harness';
import { addWorkspace, fillImportForm, fillWorkspaceForm, importKey, keyRow, moreButton, rowAction, waitForWorkspace, workspaceItem } from './flows';

// Long enough for the 8…4 masked form; never appears anywhere but the keychain and a reveal.
const SECRET = 'sk_live_e2e_9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const MASKED = 'sk_live_…b1a0';
const OTHER_SECRET = 'kn_test_0123456789abcdef0123456789abcdef';

let browser: Browser;
let app: App;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  app = await openApp(browser);
});
// Every spec ends clean: no console errors, no request failures, nothing the CSP blocked.
afterEach(() => closeClean(app));

describe('the key inventory in a real browser over the real core', () => {
  it('starts with an empty state that says what to do first', async () => {
    const { page } = app;
    await page.getByRole('heading', { name: 'Your vault is empty' }).waitFor();
    expect(await page.getByRole('button', { name: 'Import your first key' }).isVisible()).toBe(true);
    expect(await page.getByRole('navigation', { name: 'Workspaces' }).textContent()).toContain('A workspace is one account at one service');
    await app.screenshots('empty');
  });

  it('adds a workspace, shown under its service with its environment and key count', async () => {
    const { page, core } = app;
    await addWorkspace(page, { name: 'Acme prod', service: 'Kernel — kernel.sh', environment: 'Production', color: 'violet' });
    await waitForWorkspace(page, 'Acme prod', 'prod', 0);
    const item = page.getByRole('region', { name: 'Kernel' }).getByRole('button', { name: /^Acme prod/ });
    expect(await item.locator('.env-label').textContent()).toBe('prod');
    expect(await item.locator('.ws-dot').getAttribute('class')).toContain('ws-color-violet');
    // The new workspace is selected and its empty state offers the next step.
    expect(await item.getAttribute('aria-current')).toBe('page');
    await page.getByRole('heading', { name: 'No keys in Acme prod yet' }).waitFor();
    await app.screenshots('workspace-empty');
    const [ws] = await must(clientFor(core.router).invoke('workspaces.list', {}));
    expect(ws).toMatchObject({ name: 'Acme prod', provider: 'kernel-sh', environment: 'prod', color: 'violet', baseUrl: 'https://api.onkernel.com' });
  });

  it('imports a key: listed with its masked form, the secret nowhere in the page, audited', async () => {
    const { page, core } = app;
    await addWorkspace(page, { name: 'Acme prod', service: 'Kernel — kernel.sh', environment: 'Production' });
    await page.getByRole('navigation', { name: 'Workspaces' }).getByRole('button', { name: /^All keys/ }).click();
    await importKey(page, { name: 'ci-deploy', service: 'Kernel', workspace: 'Acme prod (prod)', secret: SECRET, expiresOn: '2026-12-01' });

    const row = keyRow(page, 'ci-deploy');
    await row.waitFor();
    const text = await row.innerText();
    expect(text).toContain(MASKED);
    expect(text).toContain('Acme prod');
    expect(text).toContain('Expiring'); // 8 days after the core's clock
    expect(await row.locator('time').getAttribute('title')).toMatch(/2026/);
    expect(await page.content()).not.toContain(SECRET);
    await waitForWorkspace(page, 'Acme prod', 'prod', 1);

    const [key] = await must(clientFor(core.router).invoke('keys.list', {}));
    expect(await core.secrets.get(key!.id)).toBe(SECRET);
    const audit = await must(clientFor(core.router).invoke('audit.list', { keyId: key!.id }));
    expect(audit.map((e) => e.kind)).toEqual(['imported']);

    await importKey(page, { name: 'analytics', service: 'Kernle', secret: OTHER_SECRET });
    await keyRow(page, 'analytics').waitFor();
    // The total counts keys without a workspace too; the workspace counts only its own.
    await page.getByRole('button', { name: 'All keys 2' }).waitFor();
    await waitForWorkspace(page, 'Acme prod', 'prod', 1);
    await app.screenshots('keys');
  });

  it('offers the scopes the provider catalog declares, and stores the ones picked', async () => {
    const { page, core } = app;
    await page.getByRole('main').getByRole('button', { name: 'Import key', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Import key' });
    await dialog.getByLabel('Service').selectOption({ label: 'Kernel by Asimov' });
    const scopes = dialog.getByRole('group', { name: /Scopes/ });
    expect(await scopes.getByRole('checkbox').allTextContents()).toEqual(['', '', '', '']);
    expect(await scopes.innerText()).toMatch(/read[\s\S]*write[\s\S]*delete[\s\S]*admin/);
    // Kernle keys have neither scopes nor expiry: the form says so instead of asking.
    await dialog.getByLabel('Service').selectOption({ label: 'Kernle' });
    await dialog.getByText('Kernle keys never expire.').waitFor();
    expect(await dialog.getByRole('group', { name: /Scopes/ }).count()).toBe(0);
    await dialog.getByLabel('Service').selectOption({ label: 'Kinesis API' });
    await dialog.getByRole('checkbox', { name: 'DATA_FETCH' }).check();
    await app.screenshots('import-permissions');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await fillImportForm(page, { name: 'asimov-ci', service: 'Kernel by Asimov', secret: SECRET, expiresOn: '2027-03-01', scopes: ['read', 'write'] });
    await dialog.waitFor({ state: 'detached' });
    const row = keyRow(page, 'asimov-ci');
    await row.waitFor();
    expect(await row.innerText()).toContain('read · write');
    const [key] = await must(clientFor(core.router).invoke('keys.list', {}));
    expect(key).toMatchObject({ provider: 'asimov-kernel', scopes: ['read', 'write'], expiresAt: '2027-03-01T00:00:00.000Z' });
  });

  it('search filters the table as you type, and / focuses the search box', async () => {
    const { page } = app;
    await importKey(page, { name: 'ci-deploy', service: 'Kernel', secret: SECRET });
    await importKey(page, { name: 'analytics', service: 'Kernle', secret: OTHER_SECRET });
    await keyRow(page, 'analytics').waitFor();

    await page.locator('body').press('/');
    const search = page.getByRole('searchbox', { name: 'Search keys' });
    await expect.poll(() => search.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('deploy');
    await keyRow(page, 'analytics').waitFor({ state: 'detached' });
    expect(await keyRow(page, 'ci-deploy').isVisible()).toBe(true);

    // Through "No keys match" and back, the table is the same element: hidden, never built again.
    await page.locator('.key-table').evaluate((el) => ((window as unknown as { keptTable: Element }).keptTable = el));
    const sameTable = () => page.locator('.key-table').evaluate((el) => el === (window as unknown as { keptTable: Element }).keptTable);
    await search.fill('no-such-key');
    await page.getByRole('heading', { name: 'No keys match “no-such-key”' }).waitFor();
    expect(await sameTable()).toBe(true);
    expect(await page.locator('.key-table').isVisible()).toBe(false);
    for (const size of [{ width: 960, height: 600 }, { width: 1280, height: 800 }, { width: 1920, height: 1080 }]) {
      await page.setViewportSize(size);
      await app.screenshots(`no-match-${size.width}x${size.height}`);
    }
    await search.fill('deploy');
    await keyRow(page, 'ci-deploy').waitFor();
    expect(await sameTable()).toBe(true);
    await search.fill('deploy-nothing');
    await page.getByRole('heading', { name: 'No keys match “deploy-nothing”' }).waitFor();
    await page.getByRole('button', { name: 'Clear search' }).click();
    await keyRow(page, 'analytics').waitFor();
    expect(await sameTable()).toBe(true);
    expect(await page.getByRole('row').count()).toBe(3); // header + two keys
  });

  it('filters by workspace when one is picked in the sidebar', async () => {
    const { page } = app;
    await addWorkspace(page, { name: 'Acme dev', service: 'Kernel — kernel.sh', environment: 'Development' });
    await importKey(page, { name: 'dev-key', workspace: 'Acme dev (dev)', secret: SECRET });
    await page.getByRole('button', { name: /^All keys/ }).click();
    await importKey(page, { name: 'loose-key', service: 'Kernle', secret: OTHER_SECRET });
    await keyRow(page, 'loose-key').waitFor();

    await waitForWorkspace(page, 'Acme dev', 'dev', 1);
    await workspaceItem(page, 'Acme dev').click();
    await keyRow(page, 'loose-key').waitFor({ state: 'detached' });
    expect(await keyRow(page, 'dev-key').isVisible()).toBe(true);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Acme dev');
  });

  it('reveals a secret on request, masked until shown, audited, and dropped when hidden', async () => {
    const { page, core } = app;
    await importKey(page, { name: 'ci-deploy', service: 'Kernel', secret: SECRET });
    await rowAction(page, 'ci-deploy', 'Reveal');
    const popover = page.getByRole('dialog', { name: 'Secret of “ci-deploy”' });
    await popover.getByRole('button', { name: 'Show' }).waitFor();
    expect(await page.content()).not.toContain(SECRET);

    await popover.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => popover.getByTestId('revealed-secret').textContent()).toBe(SECRET);
    await app.screenshots('reveal');

    const [key] = await must(clientFor(core.router).invoke('keys.list', {}));
    const audit = await must(clientFor(core.router).invoke('audit.list', { keyId: key!.id }));
    expect(audit.map((e) => e.kind)).toContain('revealed');

    await popover.getByRole('button', { name: 'Hide' }).click();
    await popover.waitFor({ state: 'detached' });
    expect(await page.content()).not.toContain(SECRET);
    // Focus returns to the row's actions button, where the reveal came from.
    expect(await moreButton(page, 'ci-deploy').evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('closes the reveal popover on Esc, and shows the core’s message when the keychain lost the secret', async () => {
    const { page, core } = app;
    await importKey(page, { name: 'ci-deploy', service: 'Kernel', secret: SECRET });
    await rowAction(page, 'ci-deploy', 'Reveal');
    const popover = page.getByRole('dialog', { name: 'Secret of “ci-deploy”' });
    await popover.getByRole('button', { name: 'Show' }).waitFor();
    await page.keyboard.press('Escape');
    await popover.waitFor({ state: 'detached' });

    // Someone removed the keychain item behind Keydeck's back (seahorse, secret-tool).
    const [key] = await must(clientFor(core.router).invoke('keys.list', {}));
    expect(await core.secrets.delete(key!.id)).toBe(true);
    await rowAction(page, 'ci-deploy', 'Reveal');
    const banner = page.getByRole('main').getByRole('alert');
    await banner.getByText('The keychain no longer holds the secret of "ci-deploy": it was removed outside Keydeck. Import it again or rotate the key.').waitFor();
    expect(await banner.getAttribute('data-code')).toBe('not_found');
    expect(await banner.textContent()).not.toContain('not_found');
    expect(await popover.count()).toBe(0);
    await app.screenshots('reveal-error');
    await banner.getByRole('button', { name: 'Dismiss error' }).click();
    await banner.waitFor({ state: 'detached' });
  });

  it('shows the contract’s own field errors inline and its message as a banner', async () => {
    const { page } = app;
    // Checked before the call with the contract's schema: the same message the router would give.
    await fillImportForm(page, { name: 'pasted', service: 'Kernel', secret: `Bearer ${SECRET}` });
    const dialog = page.getByRole('dialog', { name: 'Import key' });
    await dialog.getByText("Secret paste the token without the 'Bearer ' prefix").waitFor();
    expect(await dialog.getByLabel('Secret').getAttribute('aria-invalid')).toBe('true');
    // Focus lands on the field to fix.
    await expect.poll(() => dialog.getByLabel('Secret').evaluate((el) => el === document.activeElement)).toBe(true);
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // Only the core knows the secret is already stored: its field error and message come back through the Result.
    await importKey(page, { name: 'first', service: 'Kernel', secret: SECRET });
    await fillImportForm(page, { name: 'second', service: 'Kernel', secret: SECRET });
    await dialog.getByRole('alert').getByText('This secret is already stored as "first". Keydeck keeps one entry per secret.').waitFor();
    await dialog.getByText('Secret is already stored as "first"', { exact: true }).waitFor();
    expect(await dialog.getByRole('alert').getAttribute('data-code')).toBe('duplicate_key');
    expect(await page.content()).not.toContain(SECRET);
    await app.screenshots('import-error');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // A self-hosted service without a base URL: rejected by the core with a field error.
    await fillWorkspaceForm(page, { name: 'Own Kinesis', service: 'Kinesis API — Kinesis (self-hosted)' });
    const wsDialog = page.getByRole('dialog', { name: 'Add workspace' });
    await wsDialog.getByText('Base URL is required for a self-hosted service').waitFor();
    await wsDialog.getByRole('alert').getByText('Kinesis API is self-hosted: enter the base URL of your instance.').waitFor();
    await app.screenshots('workspace-error');
  });

  it('deletes a key after confirmation, removing its keychain item', async () => {
    const { page, core } = app;
    await importKey(page, { name: 'ci-deploy', service: 'Kernel', secret: SECRET });
    const [key] = await must(clientFor(core.router).invoke('keys.list', {}));
    expect(await core.secrets.get(key!.id)).toBe(SECRET);

    await rowAction(page, 'ci-deploy', 'Delete…');
    const confirm = page.getByRole('alertdialog', { name: 'Delete “ci-deploy”?' });
    await confirm.waitFor();
    await app.screenshots('delete-confirm');
    await confirm.getByRole('button', { name: 'Delete key' }).click();
    await keyRow(page, 'ci-deploy').waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: 'Your vault is empty' }).waitFor();
    // The row that opened the dialog is gone: focus goes to the search box, not to <body>.
    expect(await page.getByRole('searchbox', { name: 'Search keys' }).evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await core.secrets.get(key!.id)).toBeNull();
    expect(await must(clientFor(core.router).invoke('keys.list', {}))).toEqual([]);
  });

  it('Esc closes a dialog without changes and returns focus to its opener', async () => {
    const { page, core } = app;
    const opener = page.getByRole('main').getByRole('button', { name: 'Import key', exact: true });
    await opener.click();
    const dialog = page.getByRole('dialog', { name: 'Import key' });
    await expect.poll(() => dialog.getByLabel('Name').evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await opener.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await must(clientFor(core.router).invoke('keys.list', {}))).toEqual([]);
  });

  it('shows a realistic inventory: grouped workspaces, every badge, relative expiry with the exact date on hover', async () => {
    const { page, core } = app;
    const c = clientFor(core.router);
    const acmeProd = await must(c.invoke('workspaces.add', { name: 'Acme prod', provider: 'kernel-sh', environment: 'prod', color: 'red' }));
    const acmeDev = await must(c.invoke('workspaces.add', { name: 'Acme dev', provider: 'kernel-sh', environment: 'dev', color: 'green' }));
    const research = await must(c.invoke('workspaces.add', { name: 'Research', provider: 'asimov-kernel', environment: 'staging', color: 'violet' }));
    await must(c.invoke('workspaces.add', { name: 'Self-hosted', provider: 'kinesis', environment: 'dev', baseUrl: 'https://kinesis.internal.example', color: 'teal' }));
    const seed = [
      { name: 'ci-deploy', provider: 'kernel-sh', workspaceId: acmeProd.id, expiresAt: '2027-05-01', projectId: 'proj_web' },
      { name: 'billing-worker', provider: 'kernel-sh', workspaceId: acmeProd.id, expiresAt: '2026-11-25' },
      { name: 'local-dev', provider: 'kernel-sh', workspaceId: acmeDev.id },
      { name: 'old-laptop', provider: 'kernel-sh', workspaceId: acmeDev.id, expiresAt: '2026-10-01' },
      { name: 'notebook', provider: 'asimov-kernel', workspaceId: research.id, expiresAt: '2027-02-20', scopes: ['read', 'write'] },
      { name: 'analytics', provider: 'kernle' },
    ] as const;
    for (const [i, k] of seed.entries()) {
      await must(c.invoke('keys.import', { ...k, secret: `sk_seed_${i}_${'x'.repeat(20)}${i}`, scopes: 'scopes' in k ? [...k.scopes] : [] }));
    }
    await keyRow(page, 'analytics').waitFor();
    await waitForWorkspace(page, 'Acme prod', 'prod', 2);
    await page.getByRole('button', { name: 'All keys 6' }).waitFor();
    const badge = async (name: string) => (await keyRow(page, name).locator('.badge').textContent()) ?? '';
    expect(await badge('ci-deploy')).toBe('Active');
    await expect.poll(() => badge('billing-worker')).toBe('Expiring ≤3 d'); // the 3-day tier
    expect(await badge('old-laptop')).toBe('Expired');
    expect(await badge('local-dev')).toBe('No expiry');
    // The tray's and notifications' formatter, rounded down: 36 hours is never called 2 days in one place and 1 in another.
    expect(await keyRow(page, 'billing-worker').locator('time').textContent()).toBe('in 36 hours');
    expect(await keyRow(page, 'ci-deploy').locator('time').getAttribute('title')).toContain('2027');
    // Sidebar groups follow the catalog: Kernel, then Kernel by Asimov, then Kinesis.
    const groups = await page.getByRole('navigation', { name: 'Workspaces' }).locator('.ws-group-title').allTextContents();
    expect(groups).toEqual(['Kernel', 'Kernel by Asimov', 'Kinesis API']);
    await app.screenshots('inventory');
  });

  it('refetches on vault.changed when another client (the CLI) changes the vault', async () => {
    const { page, core } = app;
    await page.getByRole('heading', { name: 'Your vault is empty' }).waitFor();
    await must(clientFor(core.router).invoke('keys.import', { name: 'from-cli', provider: 'kernle', secret: OTHER_SECRET }));
    await keyRow(page, 'from-cli').waitFor();
    expect(core.events.flatMap((e) => (e.name === 'vault.changed' ? [e.payload.scope] : []))).toContain('keys');
  });
});
