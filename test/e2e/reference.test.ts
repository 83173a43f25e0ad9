import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { clientFor, must, testClipboard } from '../helpers/test-core';
import { type App, closeClean, launchBrowser, openApp } from './harness';
import { keyRow } from './flows';
import { seriousViolationsBothThemes } from './axe';

let browser: Browser;
let app: App;
const clipboard = testClipboard();

beforeAll(async () => {
  browser = await launchBrowser();
  app = await openApp(browser, { deps: { clipboard } });
});
afterAll(() => closeClean(app, () => browser?.close()));

describe('the detail pane shows the key\'s reference', () => {
  it('with a copy button that copies the reference (plain text, no secret), and a hint where names clash', async () => {
    const { page, core } = app;
    const api = clientFor(core.router);
    const ws = await must(api.invoke('workspaces.add', { name: 'Acme prod', provider: 'kernle', environment: 'prod' }));
    await must(api.invoke('keys.import', { name: 'ci-deploy', provider: 'kernle', workspaceId: ws.id, secret: 'kn_ref_secret_0000000000000001' }));
    await keyRow(page, 'ci-deploy').getByRole('button', { name: 'ci-deploy', exact: true }).click();
    const ref = page.getByTestId('key-reference');
    await ref.waitFor();
    expect(await ref.textContent()).toBe('keydeck://Acme%20prod/ci-deploy');
    const detail = page.getByRole('complementary', { name: 'ci-deploy' });
    await detail.getByRole('button', { name: 'Copy reference' }).click();
    await detail.getByRole('button', { name: 'Copied' }).waitFor();
    expect(clipboard.text).toBe('keydeck://Acme%20prod/ci-deploy');
    expect(await page.content()).not.toContain('kn_ref_secret_0000000000000001');
    for (const [w, h] of [[860, 560], [1280, 800], [1920, 1080]] as const) {
      await page.setViewportSize({ width: w, height: h });
      await app.screenshots(`reference-${w}x${h}`);
    }
    await page.setViewportSize({ width: 1280, height: 800 });

    await must(api.invoke('keys.import', { name: 'CI-DEPLOY', provider: 'kernle', workspaceId: ws.id, secret: 'kn_ref_secret_0000000000000002' }));
    await page.getByRole('button', { name: 'Close details' }).click();
    await keyRow(page, 'CI-DEPLOY').getByRole('button', { name: 'CI-DEPLOY', exact: true }).click();
    await page.getByText(/Another key in this workspace has the same name\. Give this one a handle/).waitFor();
    await app.screenshots('reference-clash');
    expect(await seriousViolationsBothThemes(page)).toEqual([]);
  });
});
