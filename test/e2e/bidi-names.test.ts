import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { clientFor, must } from '../helpers/test-core';
import { launchBrowser, openApp } from './harness';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('finding 5 (renderer): names with direction overrides', () => {
  it('shows a right-to-left override escaped in the table and the detail pane, not obeyed', async () => {
    const app = await openApp(browser, {
      beforeLoad: async (core) => {
        const api = clientFor(core.router);
        await must(api.invoke('keys.import', { name: 'invoice\u202egpj.exe', provider: 'kernle', secret: 'sk-bidi-name-00000001' }));
        await must(api.invoke('keys.import', { name: 'מפתח ייצור', provider: 'kernle', secret: 'sk-bidi-name-00000002' }));
      },
    });
    const { page } = app;
    const cell = page.locator('.key-name-text', { hasText: 'invoice' });
    await cell.waitFor();
    expect(await cell.textContent()).toBe('invoice\\u202egpj.exe');
    expect(await cell.evaluate((el) => getComputedStyle(el).unicodeBidi)).toBe('isolate');
    await cell.click();
    expect(await page.locator('#detail-title').textContent()).toBe('invoice\\u202egpj.exe');
    expect(await page.locator('.history-summary').first().textContent()).toBe('Imported Kernle key "invoice\\u202egpj.exe"');
    await app.screenshots('bidi-names');
    expect(app.consoleErrors).toEqual([]);
    await app.close();
  });
});
