import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT, IPC_INVOKE } from '../../../shared/contract/names';
import { fakeElectron } from './electron-fake';

const electron = fakeElectron();
vi.mock('electron', () => ({ ipcMain: electron.ipcMain, shell: electron.shell }));

const { registerIpcTransport, windowEventSink } = await import('../../../electron/main/ipc-transport');
const { APP_ORIGIN } = await import('../../../electron/main/security');

const mainFrame = { url: 'app://keydeck/index.html', parent: null };
const win = { webContents: { mainFrame, send: vi.fn() }, isDestroyed: () => false };

describe('ipcMain transport', () => {
  const router = { invoke: vi.fn(async (channel: unknown) => ({ ok: true as const, value: `answered ${String(channel)}` })) };
  beforeEach(() => {
    router.invoke.mockClear();
    electron.handlers.clear();
    registerIpcTransport(router, () => win as never, [APP_ORIGIN]);
  });

  it('registers exactly one invoke handler for every channel', () => {
    expect([...electron.handlers.keys()]).toEqual([IPC_INVOKE]);
  });

  it('passes calls from our window to the router', async () => {
    const handler = electron.handlers.get(IPC_INVOKE)!;
    expect(await handler({ senderFrame: mainFrame }, 'keys.list', {})).toEqual({ ok: true, value: 'answered keys.list' });
    expect(router.invoke).toHaveBeenCalledWith('keys.list', {});
  });

  it.each([
    ['a frame of another window', { url: 'app://keydeck/index.html', parent: null }],
    ['a subframe', { url: 'app://keydeck/index.html', parent: mainFrame }],
    ['a page at another origin', null],
  ])('refuses %s without touching the router', async (_label, frame) => {
    const handler = electron.handlers.get(IPC_INVOKE)!;
    const r = await handler({ senderFrame: frame ?? { ...mainFrame, url: 'https://evil.example.com/' } }, 'keys.reveal', { id: 'k_1' });
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    expect(router.invoke).not.toHaveBeenCalled();
  });

  it('refuses everything when the window is gone', async () => {
    electron.handlers.clear();
    registerIpcTransport(router, () => null, [APP_ORIGIN]);
    const r = await electron.handlers.get(IPC_INVOKE)!({ senderFrame: mainFrame }, 'keys.list', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
  });

  it('the unregister function removes the handler', () => {
    electron.handlers.clear();
    const off = registerIpcTransport(router, () => win as never, [APP_ORIGIN]);
    off();
    expect(electron.ipcMain.removeHandler).toHaveBeenCalledWith(IPC_INVOKE);
  });

  it('sends core events to the window on the one event channel', () => {
    windowEventSink(() => win as never).emit({ name: 'vault.changed', payload: { scope: 'keys' } });
    expect(win.webContents.send).toHaveBeenCalledWith(IPC_EVENT, 'vault.changed', { scope: 'keys' });
  });
});
