import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_WINDOW } from '../../electron/main/window-options';
import { type App, closeClean, launchBrowser, openApp } from './harness';
import { seedVault, type Seeded } from './seed';
import { seriousViolations } from './axe';

const SIZES = [
  { name: 'min', width: MIN_WINDOW.width, height: MIN_WINDOW.height },
  { name: '1280', width: 1280, height: 800 },
  { name: '1920', width: 1920, height: 1080 },
] as const;

let browser: Browser;
let app: App;
let seeded: Seeded;

beforeAll(async () => {
  browser = await launchBrowser();
  app = await openApp(browser, {
    beforeLoad: async (core) => {
      seeded = await seedVault(core);
    },
  });
  await app.page.getByRole('row').filter({ hasText: 'local-kernel' }).first().waitFor();
});
afterAll(() => closeClean(app, () => browser?.close()));

interface Layout {
  rows: number;
  /** Name cells narrower than 160 px or whose name is cut. */
  badNames: string[];
  /** Masked keys and environment labels that are cut. */
  cut: string[];
  pageScrollWidth: number;
  innerWidth: number;
  /** Visible elements whose box leaves the viewport sideways, or scroll containers that scroll sideways. */
  overflowing: string[];
}

/** What a person would notice: names cut or squeezed, labels cut, anything past the window's right edge. */
function measure(page: Page): Promise<Layout> {
  return page.evaluate(() => {
    const describe = (el: Element) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    const rows = [...document.querySelectorAll('.key-row')];
    const badNames: string[] = [];
    for (const row of rows) {
      const cell = row.querySelector('.key-name')!;
      const name = row.querySelector<HTMLElement>('.key-select')!;
      const w = cell.getBoundingClientRect().width;
      if (w < 160 || name.scrollWidth > name.clientWidth) badNames.push(`${name.textContent} (${Math.round(w)} px, text ${name.scrollWidth}/${name.clientWidth})`);
    }
    const cut: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('.masked, .env-label, .badge')) {
      if (!visible(el)) continue;
      const cell = el.closest('td, th, .detail-sub, .nav-item, .key-workspace') as HTMLElement | null;
      const r = el.getBoundingClientRect();
      const c = cell?.getBoundingClientRect();
      if (el.scrollWidth > el.clientWidth + 1 || (c && (r.right > c.right + 0.5 || r.left < c.left - 0.5))) cut.push(describe(el));
    }
    const overflowing: string[] = [];
    for (const el of document.body.querySelectorAll('*')) {
      if (!visible(el) || el.closest('.visually-hidden')) continue;
      const r = el.getBoundingClientRect();
      if (r.right > innerWidth + 0.5 || r.left < -0.5) overflowing.push(describe(el));
      const s = getComputedStyle(el);
      if (['auto', 'scroll'].includes(s.overflowX) && el.scrollWidth > el.clientWidth + 1) overflowing.push(`scrolls sideways: ${describe(el)}`);
    }
    return { rows: rows.length, badNames, cut, pageScrollWidth: document.scrollingElement!.scrollWidth, innerWidth, overflowing };
  });
}

async function expectReadable(page: Page, minRows = 1): Promise<void> {
  const m = await measure(page);
  expect(m.rows).toBeGreaterThanOrEqual(minRows);
  expect(m.badNames).toEqual([]);
  expect(m.cut).toEqual([]);
  expect(m.pageScrollWidth).toBeLessThanOrEqual(m.innerWidth);
  expect(m.overflowing).toEqual([]);
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'Workspaces' });

describe.each(SIZES)('the window at $width×$height', (size) => {
  beforeAll(async () => {
    await app.page.setViewportSize({ width: size.width, height: size.height });
  });

  it.each(['light', 'dark'] as const)('all keys (%s): every name readable, nothing past the edge', async (scheme) => {
    const { page } = app;
    await page.emulateMedia({ colorScheme: scheme });
    await nav(page).getByRole('button', { name: /^All keys/ }).click();
    await page.getByRole('heading', { level: 1, name: 'All keys' }).waitFor();
    await expectReadable(page, 5);
    // The workspace column gives way first, and only when the name would otherwise go below 160 px.
    const workspaceShown = await page.locator('th.col-service').isVisible();
    expect(workspaceShown).toBe(size.width >= 1280);
    await app.screenshot(`layout-${size.name}-all-${scheme}`);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it.each(['light', 'dark'] as const)('a workspace view (%s): no workspace column, labels whole', async (scheme) => {
    const { page } = app;
    await page.emulateMedia({ colorScheme: scheme });
    await nav(page).getByRole('button', { name: /^Acme staging/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Acme staging' }).waitFor();
    expect(await page.locator('th.col-service').isVisible()).toBe(false);
    await expectReadable(page, 2);
    await app.screenshot(`layout-${size.name}-workspace-${scheme}`);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it.each(['light', 'dark'] as const)('the detail pane (%s) never squeezes the names', async (scheme) => {
    const { page } = app;
    await page.emulateMedia({ colorScheme: scheme });
    await nav(page).getByRole('button', { name: /^All keys/ }).click();
    await page.getByRole('rowheader').getByRole('button', { name: 'prod-payments-api' }).click();
    await page.getByRole('complementary').getByRole('heading', { name: 'prod-payments-api' }).waitFor();
    await expectReadable(page, 5);
    await app.screenshot(`layout-${size.name}-detail-${scheme}`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Close details' }).click();
  });

  it.each(['light', 'dark'] as const)('the row menu (%s) opens in full, even on the last row', async (scheme) => {
    const { page } = app;
    await page.emulateMedia({ colorScheme: scheme });
    await nav(page).getByRole('button', { name: /^All keys/ }).click();
    const last = page.locator('.key-row').last();
    const name = (await last.locator('.key-select').textContent())!;
    await last.getByRole('button', { name: `More actions for ${name}` }).click();
    const menu = page.getByRole('menu', { name: `Actions for ${name}` });
    await menu.waitFor();
    const box = (await menu.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(size.height);
    expect(box.x + box.width).toBeLessThanOrEqual(size.width);
    await app.screenshot(`layout-${size.name}-menu-${scheme}`);
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
  });

  it.each(['light', 'dark'] as const)('needs attention, audit log and settings (%s) fit', async (scheme) => {
    const { page } = app;
    await page.emulateMedia({ colorScheme: scheme });
    await nav(page).getByRole('button', { name: /^Needs attention/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Needs attention' }).waitFor();
    await expectReadable(page, 0);
    await app.screenshot(`layout-${size.name}-attention-${scheme}`);
    expect(await seriousViolations(page)).toEqual([]);
    await nav(page).getByRole('button', { name: 'Audit log' }).click();
    await page.getByRole('heading', { level: 1, name: /Audit/ }).waitFor();
    await expectReadable(page, 0);
    await app.screenshot(`layout-${size.name}-audit-${scheme}`);
    expect(await seriousViolations(page)).toEqual([]);
    await nav(page).getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('heading', { level: 1, name: /Settings/ }).waitFor();
    await expectReadable(page, 0);
    await app.screenshot(`layout-${size.name}-settings-${scheme}`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'light' });
  });
});
void (() => seeded);
