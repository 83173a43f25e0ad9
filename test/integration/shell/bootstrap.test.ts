import Module from 'node:module';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IPC_INVOKE } from '../../../shared/contract/names';
import { KeyringSecretStore } from '../../../electron/core/store/keyring-secret-store';
import { testService } from '../../helpers/test-core';
import { createElectronFake } from './electron-module-fake';

const builtMain = fileURLToPath(new URL('../../../out/main/index.js', import.meta.url));

/**
 * Loads the BUILT main bundle (out/main/index.js) with only `require('electron')` answered by
 * a fake: the real core, keychain and database sit behind it. This checks the bootstrap order
 * and that an IPC call from the window reaches the core, without an Electron binary.
 */
describe('the built Electron main process', () => {
  const fake = createElectronFake();
  const dataDir = mkdtempSync(join(tmpdir(), 'keydeck-shell-'));
  const service = testService();
  const saved = { dir: process.env.KEYDECK_DATA_DIR, svc: process.env.KEYDECK_KEYCHAIN_SERVICE };
  type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;
  const mod = Module as unknown as { _load: Loader };
  const originalLoad = mod._load;

  beforeAll(async () => {
    process.env.KEYDECK_DATA_DIR = dataDir;
    process.env.KEYDECK_KEYCHAIN_SERVICE = service;
    mod._load = function (request, parent, isMain) {
      return request === 'electron' ? fake.module : originalLoad.call(this, request, parent, isMain);
    };
    createRequire(import.meta.url)(builtMain);
    fake.ready();
    await new Promise<void>((resolve) => setImmediate(resolve));
    await fake.module.app.whenReady();
  });

  afterAll(async () => {
    mod._load = originalLoad;
    for (const fn of fake.appListeners.get('will-quit') ?? []) fn();
    const secrets = new KeyringSecretStore(service);
    for (const { account } of await secrets.find()) await secrets.delete(account);
    rmSync(dataDir, { recursive: true, force: true });
    process.env.KEYDECK_DATA_DIR = saved.dir;
    process.env.KEYDECK_KEYCHAIN_SERVICE = saved.svc;
  });

  it('takes the single-instance lock and registers app:// before the app is ready', () => {
    const lock = fake.calls.indexOf('requestSingleInstanceLock');
    const scheme = fake.calls.findIndex((c) => c.startsWith('registerSchemesAsPrivileged'));
    const ready = fake.calls.indexOf('ready');
    expect(lock).toBeGreaterThanOrEqual(0);
    expect(scheme).toBeGreaterThan(lock);
    expect(ready).toBeGreaterThan(scheme);
    expect(fake.calls[scheme]).toContain('"scheme":"app"');
    expect(fake.calls).toContain(`setPath userData ${dataDir}`);
  });

  it('denies permissions on the session and hardens every web contents', () => {
    expect(fake.calls).toEqual(expect.arrayContaining(['setPermissionRequestHandler', 'setPermissionCheckHandler', 'setDevicePermissionHandler']));
    expect(fake.appListeners.get('web-contents-created')).toHaveLength(1);
  });

  it('opens one sandboxed window on app://keydeck with the preload', () => {
    expect(fake.windows).toHaveLength(1);
    const win = fake.windows[0]!;
    expect(win.loadedUrl).toBe('app://keydeck/index.html');
    expect(win.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, preload: expect.stringMatching(/out[/\\]preload[/\\]index\.js$/) });
  });

  it('keeps Keydeck in the tray, watching expiry, and catches up on resume', () => {
    expect(fake.trays).toHaveLength(1);
    expect(fake.trays[0]!.tooltip).toBe('Keydeck — no keys need attention');
    expect(fake.calls).toContain('setBadgeCount 0');
    expect([...fake.power.keys()].sort()).toEqual(['resume', 'unlock-screen']);
    // Closing the last window does not quit.
    for (const fn of fake.appListeners.get('window-all-closed') ?? []) fn();
    expect(fake.calls).not.toContain('quit');
  });

  it('serves the built renderer over app:// with the CSP header, and nothing outside it', async () => {
    const handler = fake.protocolHandlers.get('app')!;
    const page = await handler(new Request('app://keydeck/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await page.text()).toContain('<div id="root">');
    expect((await handler(new Request('app://keydeck/..%2F..%2Fpackage.json'))).status).toBe(404);
  });

  it('routes an IPC call from its window to the real core, and refuses one from elsewhere', async () => {
    const invoke = fake.ipcHandlers.get(IPC_INVOKE)!;
    const frame = fake.windows[0]!.webContents.mainFrame;
    const added = (await invoke({ senderFrame: frame }, 'workspaces.add', { name: 'Shell', provider: 'kernle', environment: 'dev' })) as { ok: boolean };
    expect(added).toMatchObject({ ok: true, value: { name: 'Shell' } });
    expect(await invoke({ senderFrame: { url: 'app://keydeck/index.html', parent: null } }, 'workspaces.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    // The core pushed its change event to the window.
    expect(fake.windows[0]!.webContents.sent).toContainEqual(['keydeck:event', 'vault.changed', { scope: 'workspaces' }]);
  });
});
