/**
 * The fifth service in the window: "Other token" is offered by the catalog, its add-workspace form
 * shows the options the catalog says a workspace may set, and the import flow verifies a token
 * against the workspace's own call. Screenshots at the minimum size, 1280×800 and 1920×1080, both themes.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OtherImitation } from '../imitations';
import { testHttp } from '../helpers/providers/http';
import { must, TestClock } from '../helpers/test-core';
import { type App, closeClean, launchBrowser, openApp } from './harness';
import { importKey, keyRow, waitForWorkspace } from './flows';

let browser: Browser;
let app: App;
let api: OtherImitation;
let base: string;
/** The token pasted for "release-bot": the test made it, as the user would in the service's web page. */
let botToken = '';

beforeAll(async () => {
  api = new OtherImitation();
  [browser, base] = await Promise.all([launchBrowser(), api.start()]);
  app = await openApp(browser, { clock: new TestClock(Date.now()), deps: { http: testHttp().http } });
});
afterAll(() => closeClean(app, () => Promise.all([browser?.close(), api?.stop()])));

const SIZES = [
  { name: 'min', width: 860, height: 560 },
  { name: '1280', width: 1280, height: 800 },
  { name: '1920', width: 1920, height: 1080 },
];

async function shootAllSizes(name: string): Promise<void> {
  for (const s of SIZES) {
    await app.page.setViewportSize({ width: s.width, height: s.height });
    await app.screenshots(`${name}-${s.name}`);
  }
  await app.page.setViewportSize({ width: 1280, height: 800 });
}

describe('"Other token" in the window', () => {
  it('adds a workspace with its verify call, token page and env var, from the catalog\'s options', async () => {
    const page = app.page;
    await page.getByRole('navigation', { name: 'Workspaces' }).getByRole('button', { name: 'Add workspace' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add workspace' });
    await dialog.getByLabel('Name').fill('GitHub');
    await dialog.getByLabel('Service').selectOption({ label: 'Other token — any bearer-token API' });
    await dialog.getByText('Production', { exact: true }).click();
    // Options a workspace of this service may set appear; the base URL is optional.
    await dialog.getByLabel('Verify path').waitFor();
    await dialog.getByLabel('Token page').waitFor();
    await dialog.getByLabel('Base URL').fill(base);
    await dialog.getByLabel('Verify path').fill('/user');
    await dialog.getByLabel('Expected status').fill('200');
    await dialog.getByLabel('Token page').fill('https://github.com/settings/tokens');
    await dialog.getByLabel('Environment variable').fill('GITHUB_TOKEN');
    await shootAllSizes('other-token-add');
    await dialog.getByRole('button', { name: 'Add workspace' }).click();
    await dialog.waitFor({ state: 'detached' });
    await waitForWorkspace(page, 'GitHub', 'prod', 0);
    const [ws] = (await must(app.core.router.invoke('workspaces.list', {}) as never)) as Array<{ provider: string; verify: unknown; tokenPage: string; envVar: string }>;
    expect(ws).toMatchObject({ provider: 'other', verify: { path: '/user', expectStatus: 200 }, tokenPage: 'https://github.com/settings/tokens', envVar: 'GITHUB_TOKEN' });
  });

  it('a Kinesis workspace offers the verify path too; a fixed-call service does not', async () => {
    const page = app.page;
    await page.getByRole('navigation', { name: 'Workspaces' }).getByRole('button', { name: 'Add workspace' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add workspace' });
    await dialog.getByLabel('Service').selectOption({ label: 'Kinesis API — Kinesis (self-hosted)' });
    await dialog.getByLabel('Verify path').waitFor();
    expect(await dialog.getByLabel('Token page').count()).toBe(0);
    await dialog.getByLabel('Service').selectOption({ label: 'Kernle — Kernle' });
    expect(await dialog.getByLabel('Verify path').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('imports a token with the expiry the user chose', async () => {
    const page = app.page;
    const token = api.issue('octocat');
    const expires = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    await importKey(page, { name: 'ci-deploy', service: 'Other token', workspace: 'GitHub (prod)', secret: token, expiresOn: expires });
    await keyRow(page, 'ci-deploy').waitFor();
    await waitForWorkspace(page, 'GitHub', 'prod', 1);
  });

  it('creates a token the guided way: the workspace\'s token page, paste, verified against its call', async () => {
    const page = app.page;
    await page.getByRole('main').getByRole('button', { name: 'Create key' }).click();
    const dialog = page.getByRole('dialog').filter({ has: page.getByLabel('Token') });
    await dialog.getByLabel('Name').fill('release-bot');
    expect(await dialog.getByRole('link', { name: /token page/ }).getAttribute('href')).toBe('https://github.com/settings/tokens');
    await dialog.getByLabel('Token').fill('ghp_not-a-real-token-0000000000');
    await dialog.getByRole('button', { name: 'Save token' }).click();
    // The workspace's verify call refused the paste: nothing stored, the person is told.
    expect(await dialog.getByRole('alert').textContent()).toMatch(/rejected/);
    await shootAllSizes('other-token-guided-refused');
    botToken = api.issue('octocat');
    await dialog.getByLabel('Token').fill(botToken);
    await dialog.getByRole('button', { name: 'Save token' }).click();
    await dialog.waitFor({ state: 'detached' });
    await keyRow(page, 'release-bot').waitFor();
    await waitForWorkspace(page, 'GitHub', 'prod', 2);
    await keyRow(page, 'release-bot').click();
    await shootAllSizes('other-token-key');
  });

  it('rotates the guided way, and confirms the old token is revoked only once it answers 401', async () => {
    const page = app.page;
    await keyRow(page, 'release-bot').click();
    await page.getByRole('button', { name: 'Rotate…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rotate “release-bot”' });
    await dialog.getByLabel('New token').fill(api.issue('octocat'));
    await dialog.getByRole('button', { name: 'Verify and save' }).click();
    const check = dialog.getByRole('button', { name: 'I revoked it — check' });
    await check.waitFor();
    await check.click();
    // Still works at the service: Keydeck says so instead of marking it revoked.
    await dialog.getByRole('alert').waitFor();
    expect(await dialog.getByRole('alert').textContent()).toMatch(/still works at GitHub/);
    api.revoke(botToken);
    await check.click();
    await dialog.getByText('Confirmed: GitHub rejects the old token now. It is marked revoked.').waitFor();
    await shootAllSizes('other-token-rotated');
  });
});
