import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, closeClean, launchBrowser, openApp } from './harness';
import { addWorkspace, importKey, rowAction } from './flows';
import { seriousViolations } from './axe';

let browser: Browser;
let app: App;

beforeAll(async () => {
  browser = await launchBrowser();
  app = await openApp(browser);
});
afterAll(() => closeClean(app, () => browser?.close()));

// One vault, walked through screen by screen, in both themes.
describe.each(['light', 'dark'] as const)('accessibility (%s theme): no serious or critical axe findings', (scheme) => {
  beforeAll(async () => {
    await app.page.emulateMedia({ colorScheme: scheme });
  });

  it('on the first screen', async () => {
    await app.page.getByRole('button', { name: /^All keys/ }).click();
    await app.page.getByRole('heading', { level: 1 }).waitFor();
    expect(await seriousViolations(app.page)).toEqual([]);
  });

  it('in the add-workspace dialog', async () => {
    await app.page.getByRole('navigation', { name: 'Workspaces' }).getByRole('button', { name: 'Add workspace' }).click();
    await app.page.getByRole('dialog', { name: 'Add workspace' }).waitFor();
    expect(await seriousViolations(app.page)).toEqual([]);
    await app.page.keyboard.press('Escape');
    await app.page.getByRole('dialog', { name: 'Add workspace' }).waitFor({ state: 'detached' });
  });

  it('in the import dialog with the permissions list', async () => {
    await app.page.getByRole('main').getByRole('button', { name: 'Import key', exact: true }).click();
    const dialog = app.page.getByRole('dialog', { name: 'Import key' });
    await dialog.getByLabel('Service').selectOption({ label: 'Kinesis API' });
    await dialog.getByRole('group', { name: /Permissions/ }).waitFor();
    expect(await seriousViolations(app.page)).toEqual([]);
    await app.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('on the key table with a revealed secret', async () => {
    const { page } = app;
    if (scheme === 'light') {
      await addWorkspace(page, { name: 'Acme staging', service: 'Kernel — kernel.sh', environment: 'Staging', color: 'teal' });
      await importKey(page, { name: 'staging-deploy', secret: 'sk_live_axe_0123456789abcdef0123456789', expiresOn: '2027-06-30' });
    }
    await rowAction(page, 'staging-deploy', 'Reveal');
    await page.getByRole('dialog', { name: /Secret of/ }).getByRole('button', { name: 'Show' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('dialog', { name: /Secret of/ }).getByRole('button', { name: 'Hide' }).click();
  });

  it('in the delete confirmation', async () => {
    const { page } = app;
    await rowAction(page, 'staging-deploy', 'Delete…');
    const confirm = page.getByRole('alertdialog', { name: /Delete/ });
    await confirm.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'detached' });
  });
});
