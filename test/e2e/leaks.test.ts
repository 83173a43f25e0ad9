/**
 * The Leaks screen: add a folder, scan, a finding with its key, place and "Pushed" badge, Rotate
 * opens the existing rotate dialog for that key, Mark resolved closes it. Screenshots at the
 * minimum window (960×600), 1280×800 and 1920×1080 in both themes; axe clean in both.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { must } from '../helpers/test-core';
import { secretFor, TestRepo } from '../helpers/leaks';
import { seriousViolationsBothThemes } from './axe';
import { type App, closeClean, launchBrowser, openApp } from './harness';

let browser: Browser;
let app: App;
let root: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'keydeck-e2e-leaks-'));
  browser = await launchBrowser();
  app = await openApp(browser);
});
afterAll(() => closeClean(app, () => browser?.close(), () => rmSync(root, { recursive: true, force: true })));

const SIZES = [
  { name: 'min', width: 960, height: 600 },
  { name: '1280', width: 1280, height: 800 },
  { name: '1920', width: 1920, height: 1080 },
];

describe('Leaks screen', () => {
  it('scans a folder, lists the finding with where and Pushed, rotates from it and marks it resolved', async () => {
    const page = app.page;
    const invoke = async (c: string, i: object) => must(app.core.router.invoke(c as never, i as never) as never);
    const secret = secretFor('e2e');
    const ws = (await invoke('workspaces.add', { name: 'Billing', provider: 'kernle', environment: 'prod' })) as { id: string };
    await invoke('keys.import', { name: 'billing-prod', provider: 'kernle', workspaceId: ws.id, secret });
    const other = secretFor('e2e2');
    await invoke('keys.import', { name: 'ci-deploy', provider: 'kernle', secret: other });
    const repo = new TestRepo(join(root, 'code', 'billing'));
    repo.commit({ 'README.md': '# billing\n' });
    repo.commit({ 'config/prod.yml': `db: x\nkernle_key: ${secret}\n` });
    repo.git('init', '-q', '--bare', join(root, 'origin.git'));
    repo.git('remote', 'add', 'origin', join(root, 'origin.git'));
    repo.git('push', '-q', 'origin', 'main');
    repo.commit({ 'scripts/deploy.sh': `#!/bin/sh\n\nexport TOKEN=${Buffer.from(other).toString('base64')}\n` });

    await page.getByRole('button', { name: /^Leaks/ }).click();
    await page.getByRole('heading', { name: 'Leaks' }).waitFor();
    await page.getByLabel('Folder or file path').fill(join(root, 'code'));
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByText(join(root, 'code'), { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Scan now' }).click();
    const finding = page.getByRole('listitem').filter({ hasText: 'billing-prod' });
    await finding.waitFor();
    await finding.getByText('Pushed').waitFor();
    await finding.getByText(/· [0-9a-f]{7} · config\/prod\.yml:2$/).waitFor();
    const second = page.getByRole('listitem').filter({ hasText: 'ci-deploy' });
    await second.getByText('base64', { exact: true }).waitFor();
    expect(await second.getByText('Pushed').count()).toBe(0);
    expect(await page.content()).not.toContain(secret);
    // The sidebar counts the open findings.
    await page.getByRole('button', { name: 'Leaks 2' }).waitFor();

    for (const s of SIZES) {
      await page.setViewportSize({ width: s.width, height: s.height });
      await app.screenshots(`leaks-findings-${s.name}`);
      // The actions stay reachable at every size.
      await finding.getByRole('button', { name: 'Rotate billing-prod' }).waitFor();
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await seriousViolationsBothThemes(page)).toEqual([]);

    await finding.getByRole('button', { name: 'Rotate billing-prod' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rotate “billing-prod”' });
    await dialog.waitFor();
    await app.screenshots('leaks-rotate-dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    await finding.getByRole('button', { name: /^Mark resolved: billing-prod/ }).click();
    await finding.waitFor({ state: 'detached' });
    await page.getByRole('listitem').filter({ hasText: 'ci-deploy' }).waitFor();
    await page.getByRole('button', { name: 'Leaks 1' }).waitFor();
  });
});
