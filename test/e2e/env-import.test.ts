import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, Locator } from 'playwright-core';
import { startDemo, type DemoImitations } from '../imitations/demo';
import { testHttp } from '../helpers/providers/http';
import { envFile, kernelSecretOf, kernleSecretOf } from '../helpers/envimport';
import { clientFor, diskText, must, TestClock } from '../helpers/test-core';
import { type App, closeClean, launchBrowser, openApp } from './harness';
import { keyRow } from './flows';
import { seriousViolationsBothThemes } from './axe';

const SIZES = [
  { width: 860, height: 560 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;

let browser: Browser;
let demo: DemoImitations;
let app: App;
/** What the main process's file dialog "returns": the E2E stand-in for the FilePicker port. */
let picked: string | null = null;
let secrets: string[];

beforeAll(async () => {
  [browser, demo] = await Promise.all([launchBrowser(), startDemo()]);
  secrets = [kernelSecretOf(demo, 'ci-deploy'), kernleSecretOf(demo, 'memory-sync')];
});
afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});
beforeEach(async () => {
  app = await openApp(browser, {
    clock: new TestClock(Date.now()),
    deps: { http: testHttp().http, files: { pickFile: async () => picked } },
    async beforeLoad(core) {
      const api = clientFor(core.router);
      const k = await must(api.invoke('workspaces.add', { name: 'Kernel Prod', provider: 'kernel-sh', baseUrl: demo.urls.kernel, environment: 'prod' }));
      const l = await must(api.invoke('workspaces.add', { name: 'Agents', provider: 'kernle', baseUrl: demo.urls.kernle, environment: 'dev', color: 'green' }));
      await must(api.invoke('workspaces.connect', { id: k.id, secret: demo.managementKeys.kernel }));
      await must(api.invoke('workspaces.connect', { id: l.id, secret: demo.managementKeys.kernle }));
    },
  });
  await keyRow(app.page, 'ci-deploy').waitFor();
});
afterEach(() => closeClean(app));

/** `focus`: a part of the page that must be in view in every size (the detail pane and Settings scroll). */
async function shootAllSizes(name: string, focus?: Locator): Promise<void> {
  for (const size of SIZES) {
    await app.page.setViewportSize(size);
    await focus?.scrollIntoViewIfNeeded();
    await app.screenshots(`${name}-${size.width}x${size.height}`);
  }
  await app.page.setViewportSize({ width: 1280, height: 800 });
}

const envText = () => `# billing — local settings\nAPP_NAME=billing\n\n# kernel.sh CI key\nexport KERNEL_API_KEY="${secrets[0]}"   # rotated quarterly\nKERNLE_API_KEY='${secrets[1]}'\r\nDATABASE_URL=postgres://localhost/billing\nSTRIPE_SECRET_KEY=sk_test_51HxAbCdEfGhIjKlMnOpQrStUv\n`;

describe('Import .env file in the window', () => {
  it('previews every assignment, imports the chosen ones, and rewrites the file with references', async () => {
    const { page, core } = app;
    const { path } = envFile(envText());
    picked = path;
    await page.getByRole('main').getByRole('button', { name: 'Import .env file…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import .env file' });
    await dialog.getByRole('button', { name: 'Choose .env file…' }).click();
    const table = dialog.getByRole('table');
    await table.waitFor();
    const rows = await table.getByRole('row').allInnerTexts();
    expect(rows.slice(1).map((r) => r.replace(/\s+/g, ' ').trim())).toEqual([
      '2 APP_NAME Leave alone',
      expect.stringMatching(/^5 KERNEL_API_KEY sk_\S+…\S+ Attach to “ci-deploy” in Kernel Prod ✓ Verified$/),
      expect.stringMatching(/^6 KERNLE_API_KEY knl_sk_\S+ Attach to “memory-sync” in Agents ✓ Verified$/),
      '7 DATABASE_URL Leave alone',
      expect.stringMatching(/^8 STRIPE_SECRET_KEY sk_test_…\S+ Leave alone Starts like a Kernel key but matches no synced key/),
    ]);
    await dialog.getByRole('checkbox', { name: 'Replace values with references' }).check();
    await shootAllSizes('env-import-preview');
    expect(await seriousViolationsBothThemes(page)).toEqual([]);

    await dialog.getByRole('button', { name: 'Import 2 tokens' }).click();
    const done = page.getByRole('dialog', { name: 'Imported' });
    await done.waitFor();
    expect(await done.getByRole('list', { name: 'What was done' }).innerText()).toMatch(/Attached\s+KERNEL_API_KEY\s+"ci-deploy" now holds its secret\./);
    expect(await done.getByRole('status').innerText()).toBe(`${path} now holds 2 references instead of secrets.`);
    await shootAllSizes('env-import-result');
    await done.getByRole('button', { name: 'Done' }).click();
    await done.waitFor({ state: 'detached' });

    expect(readFileSync(path, 'utf8')).toBe(
      `# billing — local settings\nAPP_NAME=billing\n\n# kernel.sh CI key\nexport KERNEL_API_KEY="keydeck://kernel%20prod/ci-deploy"   # rotated quarterly\nKERNLE_API_KEY='keydeck://agents/memory-sync'\r\nDATABASE_URL=postgres://localhost/billing\nSTRIPE_SECRET_KEY=sk_test_51HxAbCdEfGhIjKlMnOpQrStUv\n`,
    );
    const ci = (await must(clientFor(core.router).invoke('keys.list', { query: 'ci-deploy' })))[0]!;
    expect(ci.hasSecret).toBe(true);
    // The detail pane shows the recorded usage.
    await keyRow(page, 'ci-deploy').locator('.key-select').click();
    await page.locator('section[aria-labelledby="usages-title"]').getByText(path).waitFor();
    const html = await page.content();
    for (const s of secrets) expect(html).not.toContain(s);
    const disk = diskText(core.dataDir);
    for (const s of secrets) expect(disk).not.toContain(s);
  });

  it('a file that changed after the preview is refused and previewed again; nothing stored', async () => {
    const { page, core } = app;
    const { path } = envFile(envText());
    picked = path;
    await page.getByRole('main').getByRole('button', { name: 'Import .env file…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import .env file' });
    await dialog.getByRole('button', { name: 'Choose .env file…' }).click();
    await dialog.getByRole('table').waitFor();
    writeFileSync(path, `${envText()}EXTRA=1\n`);
    await dialog.getByRole('button', { name: 'Import 2 tokens' }).click();
    await dialog.getByRole('alert').getByText(/changed after the preview/).waitFor();
    const ci = (await must(clientFor(core.router).invoke('keys.list', { query: 'ci-deploy' })))[0]!;
    expect(ci.hasSecret).toBe(false);
    // The preview was read again, so the import can go ahead on the file as it is now.
    await dialog.getByRole('row', { name: /EXTRA/ }).waitFor();
  });
});

describe('Used in: add and remove a file from the detail pane', () => {
  it('adds through the main process file dialog with the service variable by default, then removes', async () => {
    const { page, core } = app;
    const { path } = envFile('KERNEL_API_KEY=keydeck://kernel%20prod/ci-deploy\n');
    picked = path;
    await keyRow(page, 'ci-deploy').locator('.key-select').click();
    const section = page.locator('section[aria-labelledby="usages-title"]');
    await section.getByRole('button', { name: 'Add file…' }).click();
    const variable = section.getByRole('textbox', { name: 'Variable' });
    expect(await variable.inputValue()).toBe('KERNEL_API_KEY');
    await shootAllSizes('usages-add', section);
    await section.getByRole('button', { name: 'Add', exact: true }).click();
    await section.getByRole('button', { name: `Remove KERNEL_API_KEY in ${path}` }).waitFor();
    const ci = (await must(clientFor(core.router).invoke('keys.list', { query: 'ci-deploy' })))[0]!;
    expect((await must(clientFor(core.router).invoke('usages.list', { keyId: ci.id }))).map((u) => [u.envVar, u.filePath])).toEqual([['KERNEL_API_KEY', path]]);
    await shootAllSizes('usages-list', section);

    // A bad variable name is refused with the contract's message, and nothing is added.
    await section.getByRole('button', { name: 'Add file…' }).click();
    await variable.fill('KERNEL API KEY');
    await section.getByRole('button', { name: 'Add', exact: true }).click();
    await section.getByRole('alert').getByText(/environment variable name like KERNEL_API_KEY/).waitFor();
    await section.getByRole('button', { name: 'Cancel' }).click();

    await section.getByRole('button', { name: `Remove KERNEL_API_KEY in ${path}` }).click();
    await section.getByText('No .env files recorded.').waitFor();
    expect(await must(clientFor(core.router).invoke('usages.list', { keyId: ci.id }))).toEqual([]);
  });
});

describe('Pasting VAR=value in the import dialog', () => {
  it('keeps the value only and fills name and service from the variable', async () => {
    const { page, core } = app;
    const value = 'sk_live_pasted_0123456789abcdefghij';
    await page.getByRole('main').getByRole('button', { name: 'Import key', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Import key' });
    await dialog.getByLabel('Service').selectOption({ label: 'Kernle' });
    await dialog.getByLabel('Secret').fill(`export KERNEL_API_KEY="${value}"`);
    expect(await dialog.getByLabel('Name').inputValue()).toBe('kernel-api-key');
    expect(await dialog.getByLabel('Service').inputValue()).toBe('kernel-sh');
    expect(await dialog.getByLabel('Secret').inputValue()).toBe(value);
    await dialog.getByText('Took the value of KERNEL_API_KEY; name and service were filled in from it.').waitFor();
    await app.screenshots('import-paste-assignment');
    await dialog.getByRole('button', { name: 'Import key' }).click();
    await dialog.waitFor({ state: 'detached' });
    const key = (await must(clientFor(core.router).invoke('keys.list', { query: 'kernel-api-key' })))[0]!;
    expect(key).toMatchObject({ provider: 'kernel-sh', masked: 'sk_live_…ghij' });
    expect(await core.secrets.get(key.id)).toBe(value);
  });
});

describe('Settings: install the command line tool', () => {
  it('asks first, then says what to do where it cannot install', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Install command line tool…' }).click();
    await page.getByRole('group', { name: 'Confirm installing the command line tool' }).waitFor();
    await page.getByRole('button', { name: 'Install', exact: true }).click();
    await page.getByRole('alert').getByText('In development, run `npm link` instead.', { exact: false }).waitFor();
    await shootAllSizes('settings-cli', page.locator('section[aria-labelledby="settings-cli"]'));
  });
});
