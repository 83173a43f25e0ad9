import { describe, expect, it, vi } from 'vitest';
import { fakeElectron, fakeWebContents } from './electron-fake';

const electron = fakeElectron();
vi.mock('electron', () => ({ ipcMain: electron.ipcMain, shell: electron.shell }));

const { hardenSession, hardenWebContents } = await import('../../../electron/main/hardening');
const { mainWindowOptions } = await import('../../../electron/main/window-options');
const { APP_ORIGIN } = await import('../../../electron/main/security');

describe('window options', () => {
  it('follow the security checklist', () => {
    const prefs = mainWindowOptions('/app/preload.js').webPreferences!;
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, webviewTag: false, allowRunningInsecureContent: false, nodeIntegrationInSubFrames: false, nodeIntegrationInWorker: false });
    expect(prefs.preload).toBe('/app/preload.js');
  });
});

describe('web contents hardening', () => {
  const contents = fakeWebContents();
  let workspaces: string[] = [];
  hardenWebContents(contents as never, [APP_ORIGIN], () => workspaces);
  const fire = (event: string, url?: string) => {
    const e = { preventDefault: vi.fn() };
    contents.listeners.get(event)!(e, url);
    return e.preventDefault;
  };

  it('blocks navigation away from the app and allows it within', () => {
    expect(fire('will-navigate', 'https://evil.example.com/')).toHaveBeenCalled();
    expect(fire('will-redirect', 'https://evil.example.com/')).toHaveBeenCalled();
    expect(fire('will-navigate', 'app://keydeck/index.html')).not.toHaveBeenCalled();
  });

  it('never attaches a webview', () => {
    expect(fire('will-attach-webview')).toHaveBeenCalled();
  });

  it('denies every window.open; allow-listed https pages go to the browser instead', () => {
    expect(contents.openHandler!({ url: 'https://evil.example.com/' })).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
    expect(contents.openHandler!({ url: 'https://kernel.asimov.com/settings/security' })).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://kernel.asimov.com/settings/security');
  });

  it('finding 13: a self-hosted Kinesis token page opens once its workspace is configured', () => {
    electron.shell.openExternal.mockClear();
    contents.openHandler!({ url: 'https://kinesis.mycorp.dev/web/pats' });
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
    workspaces = ['https://kinesis.mycorp.dev'];
    expect(contents.openHandler!({ url: 'https://kinesis.mycorp.dev/web/pats' })).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://kinesis.mycorp.dev/web/pats');
  });
});

describe('session hardening', () => {
  it('denies every permission request and check', () => {
    let request: ((c: unknown, p: string, cb: (ok: boolean) => void) => void) | undefined;
    let check: (() => boolean) | undefined;
    let device: (() => boolean) | undefined;
    hardenSession({
      setPermissionRequestHandler: (fn: typeof request) => (request = fn),
      setPermissionCheckHandler: (fn: typeof check) => (check = fn),
      setDevicePermissionHandler: (fn: typeof device) => (device = fn),
    } as never);
    const cb = vi.fn();
    request!(null, 'clipboard-read', cb);
    request!(null, 'media', cb);
    expect(cb.mock.calls).toEqual([[false], [false]]);
    expect(check!()).toBe(false);
    expect(device!()).toBe(false);
  });
});
