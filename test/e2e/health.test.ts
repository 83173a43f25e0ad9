/**
 * Issue 14 in the window: create and rotate offer only lifetimes the workspace policy allows (the
 * rest disabled, with the rule named), and the Key health screen lists every finding with its fix,
 * readable at the minimum window, 1280×800 and 1920×1080, light and dark, axe clean.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_WINDOW } from '../../electron/main/window-options';
import { KernelImitation } from '../imitations';
import { addDays } from '../imitations/ids';
import { testHttp } from '../helpers/providers/http';
import { clientFor, must, TestClock } from '../helpers/test-core';
import { type App, closeClean, launchBrowser, openApp } from './harness';
import { seriousViolations } from './axe';
import { workspaceItem } from './flows';

const SIZES = [
  { name: 'min', width: MIN_WINDOW.width, height: MIN_WINDOW.height },
  { name: '1280', width: 1280, height: 800 },
  { name: '1920', width: 1920, height: 1080 },
] as const;
const LONG = 'nightly-data-warehouse-export-for-the-finance-reporting-pipeline-in-production';

let browser: Browser;
let app: App;
let server: KernelImitation;
const leaks: Array<{ keyId: string; findings: number; exposed: boolean }> = [];

beforeAll(async () => {
  server = new KernelImitation();
  [browser] = await Promise.all([launchBrowser(), server.start()]);
  app = await openApp(browser, {
    clock: new TestClock(Date.now()),
    deps: { http: testHttp().http, leakSummary: { openFindingsByKey: () => leaks } },
    beforeLoad: async (core) => {
      const api = clientFor(core.router);
      const admin = server.seedKey({ name: 'admin', expiresInDays: 60 }).secret;
      server.seedKey({ name: 'ci-deploy', createdAt: addDays(server.now(), -200), expiresInDays: 365 });
      server.seedKey({ name: 'web-frontend', createdAt: addDays(server.now(), -10), expiresInDays: 60 });
      const prod = await must(api.invoke('workspaces.add', { name: 'Acme prod', provider: 'kernel-sh', environment: 'prod', baseUrl: server.url, color: 'violet' }));
      await must(api.invoke('workspaces.connect', { id: prod.id, secret: admin }));
      await must(api.invoke('workspaces.update', { id: prod.id, policy: { maxLifetimeDays: 90, noNeverExpiring: true } }));
      await must(api.invoke('keys.import', { name: LONG, provider: 'kernel-sh', workspaceId: prod.id, secret: 'sk_live_long0123456789abcdef0123456789' }));
      const lab = await must(api.invoke('workspaces.add', { name: 'Lab', provider: 'kernle', environment: 'dev', color: 'amber' }));
      await must(api.invoke('keys.import', { name: 'notebook-runner', provider: 'kernle', workspaceId: lab.id, secret: 'kn_test_notebook0123456789abcdef0123' }));
      await must(api.invoke('workspaces.add', { name: 'Acme staging', provider: 'kernel-sh', environment: 'staging', color: 'teal' }));
      const web = (await must(api.invoke('keys.list', { workspaceId: prod.id }))).find((k) => k.name === 'web-frontend')!;
      leaks.push({ keyId: web.id, findings: 2, exposed: true });
    },
  });
});
afterAll(() => closeClean(app, () => Promise.all([browser?.close(), server?.stop()])));

const nav = (page: Page) => page.getByRole('navigation', { name: 'Workspaces' });

describe('create and rotate offer only what the workspace policy allows', () => {
  it('create: "Never" is disabled with the rule named, days stop at 90, 120 is refused before sending', async () => {
    const { page } = app;
    await workspaceItem(page, 'Acme prod').click();
    await page.getByRole('main').getByRole('button', { name: 'Create key' }).click();
    const dialog = page.getByRole('dialog', { name: /Create a Kernel key/ });
    await expect(dialog.getByRole('radio', { name: 'Never' }).isDisabled()).resolves.toBe(true);
    await expect(dialog.getByRole('radio', { name: 'After' }).isChecked()).resolves.toBe(true);
    await dialog.getByText('Never not offered: Workspace “Acme prod” does not allow keys that never expire (policy: no never-expiring keys).').waitFor();
    const days = dialog.getByLabel('Days until it expires');
    expect(await days.getAttribute('max')).toBe('90');
    expect(await days.inputValue()).toBe('90');
    await app.screenshots('health-create-policy');

    const before = server.keys.size;
    await dialog.getByLabel('Name').fill('deploy-bot');
    await days.fill('120');
    await dialog.getByRole('button', { name: 'Create key' }).click();
    await dialog.getByText('Days must be at most 90 days (workspace policy)').waitFor();
    expect(server.keys.size).toBe(before);
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('rotate: the new key gets a lifetime the policy allows, starting at the maximum when the old one breaks it', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'More actions for ci-deploy' }).click();
    await page.getByRole('menu', { name: 'Actions for ci-deploy' }).getByRole('menuitem', { name: 'Rotate…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rotate “ci-deploy”' });
    await dialog.getByText('The new key’s lifetime.').waitFor();
    expect(await dialog.getByRole('radio', { name: 'Never' }).isDisabled()).toBe(true);
    expect(await dialog.getByLabel('Days until it expires').inputValue()).toBe('90');
    await app.screenshots('health-rotate-policy');
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('the workspace dialog edits the policy: a lifetime where keys expire, a rotation age where they cannot', async () => {
    const { page } = app;
    await nav(page).getByRole('button', { name: 'Key health' }).click();
    await page.getByRole('heading', { level: 1, name: 'Key health' }).waitFor();
    await page.getByRole('button', { name: 'Set policy notebook-runner' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit Lab' });
    await dialog.getByLabel(/Rotate keys every \(days\)/).fill('30');
    expect(await dialog.getByLabel(/Maximum key lifetime/).count()).toBe(0);
    await app.screenshots('health-edit-policy');
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog.waitFor({ state: 'detached' });
    const lab = (await must(clientFor(app.core.router).invoke('workspaces.list', {}))).find((w) => w.name === 'Lab')!;
    expect(lab.policy.rotateEveryDays).toBe(30);
    // Governed by a rotation age now: no longer "never expires, set a policy".
    await page.getByRole('button', { name: 'Set policy notebook-runner' }).waitFor({ state: 'detached' });
  });
});

interface Fit {
  cutNames: string[];
  overflowing: string[];
  pageScrollWidth: number;
}

/** Key names whole (wrapped, never cut) and nothing past the window's right edge. */
function measure(page: Page): Promise<Fit> {
  return page.evaluate(() => {
    const cutNames = [...document.querySelectorAll<HTMLElement>('.health-key-name, .health-ws-title')].filter((el) => el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().right > innerWidth).map((el) => el.textContent ?? '');
    const overflowing: string[] = [];
    for (const el of document.querySelectorAll('main *')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && (r.right > innerWidth + 0.5 || r.left < -0.5)) overflowing.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`);
    }
    return { cutNames, overflowing, pageScrollWidth: document.scrollingElement!.scrollWidth };
  });
}

describe.each(SIZES)('the Key health screen at $width×$height', (size) => {
  beforeAll(async () => {
    await app.page.setViewportSize({ width: size.width, height: size.height });
  });

  it.each(['light', 'dark'] as const)('(%s) lists each finding with its fix, every key name readable, axe clean', async (scheme) => {
    const { page } = app;
    await page.emulateMedia({ colorScheme: scheme });
    await nav(page).getByRole('button', { name: 'Key health' }).click();
    await page.getByRole('heading', { level: 1, name: 'Key health' }).waitFor();
    const prod = page.getByRole('region', { name: /Acme prod/ });
    await prod.getByText('Policy: at most 90 days, no never-expiring keys').waitFor();
    for (const [category, key] of [
      ['Leaked', 'web-frontend'],
      ['Over policy', 'ci-deploy'],
      ['Over policy', LONG],
      ['Never expires', LONG],
    ] as const) {
      const row = prod.getByRole('listitem').filter({ hasText: category }).filter({ hasText: key }).first();
      await row.getByRole('button', { name: `Rotate ${key}` }).waitFor();
    }
    await page.getByRole('region', { name: /Healthy workspaces/ }).getByText('Acme staging').waitFor();
    const fit = await measure(page);
    expect(fit.cutNames).toEqual([]);
    expect(fit.overflowing).toEqual([]);
    expect(fit.pageScrollWidth).toBeLessThanOrEqual(size.width);
    await app.screenshot(`health-${size.name}-${scheme}`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'light' });
  });
});

describe('a fix button opens the existing dialog', () => {
  it('Rotate… on a leaked key opens its rotate dialog', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 1280, height: 800 });
    await nav(page).getByRole('button', { name: 'Key health' }).click();
    await page.getByRole('button', { name: 'Rotate web-frontend' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Rotate “web-frontend”' });
    await dialog.waitFor();
    await app.screenshots('health-fix-rotate');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });
  it('follows the leak finder: a scan that finds another key updates the screen without a vault change', async () => {
    const { page } = app;
    await page.getByText('1 leaked', { exact: true }).waitFor();
    const ci = (await must(clientFor(app.core.router).invoke('keys.list', {}))).find((k) => k.name === 'ci-deploy')!;
    leaks.push({ keyId: ci.id, findings: 1, exposed: false });
    await page.evaluate(() => (window as unknown as { __keydeckEmit(n: string, p: unknown): void }).__keydeckEmit('leaks.changed', { openFindings: 3 }));
    await page.getByText('2 leaked', { exact: true }).waitFor();
    leaks.pop();
  });
});
