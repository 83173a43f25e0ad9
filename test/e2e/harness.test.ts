import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/security';
import type { KeydeckBridge } from '../../shared/contract/bridge';
import { launchBrowser, openApp, serveRenderer } from './harness';

type Bridged = { keydeck: KeydeckBridge };

// The other specs trust "no console errors, no CSP violations": prove the harness would see them.
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('the E2E harness', () => {
  it('serves the built renderer with the app’s CSP header and nothing outside it', async () => {
    const server = await serveRenderer();
    try {
      const index = await fetch(server.url);
      expect(index.status).toBe(200);
      expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(await index.text()).toContain('<div id="root">');
      expect((await fetch(new URL('../package.json', server.url))).status).toBe(404);
      expect((await fetch(`${server.url}%2e%2e/package.json`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('records CSP violations and console errors, so a clean run means something', async () => {
    const app = await openApp(browser);
    try {
      await app.page.getByRole('heading', { name: 'Your vault is empty' }).waitFor();
      expect(app.cspViolations).toEqual([]);
      // What a `style={{…}}` prop or an inline script would do: both are refused by the CSP.
      await app.page.evaluate(() => {
        document.body.setAttribute('style', 'outline: 1px solid red');
        const s = document.createElement('script');
        s.textContent = 'window.__inlineRan = true';
        document.head.append(s);
        console.error('boom');
      });
      // Each refusal is reported once per policy (the header and index.html's meta tag carry the same one).
      await expect.poll(() => [...new Set(app.cspViolations.map((v) => v.directive))].sort()).toEqual(['script-src-elem', 'style-src-attr']);
      expect(await app.page.evaluate(() => (window as unknown as { __inlineRan?: boolean }).__inlineRan)).toBeUndefined();
      await expect.poll(() => app.consoleErrors.some((e) => e === 'boom')).toBe(true);
    } finally {
      await app.close();
    }
  });

  it('exposes only invoke and on, and rejects unknown events like the preload does', async () => {
    const app = await openApp(browser);
    try {
      const shape = await app.page.evaluate(() => ({
        keys: Object.keys((window as unknown as Bridged).keydeck).sort(),
        frozen: Object.isFrozen((window as unknown as Bridged).keydeck),
        unknownEvent: (() => {
          try {
            (window as unknown as Bridged).keydeck.on('no.such.event', () => {});
            return 'accepted';
          } catch (e) {
            return (e as Error).name;
          }
        })(),
      }));
      expect(shape).toEqual({ keys: ['invoke', 'on'], frozen: true, unknownEvent: 'TypeError' });
      const r = await app.page.evaluate(() => (window as unknown as Bridged).keydeck.invoke('keys.list', { query: 42 }));
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    } finally {
      await app.close();
    }
  });
});
