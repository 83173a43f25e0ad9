import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

type Listener = (...args: unknown[]) => unknown;

/**
 * A stand-in for the `electron` module, the one boundary that cannot run here. It records
 * what the shell asks of Electron so a test can check the wiring; nothing else is faked.
 */
export function createElectronFake() {
  const calls: string[] = [];
  const appListeners = new Map<string, Listener[]>();
  const ipcHandlers = new Map<string, Listener>();
  const protocolHandlers = new Map<string, (req: Request) => Promise<Response>>();
  const windows: FakeWindow[] = [];
  const trays: FakeTray[] = [];
  const power = new Map<string, Listener>();

  class FakeTray {
    tooltip = '';
    menu: unknown = null;
    image: unknown = null;
    readonly listeners = new Map<string, Listener>();
    constructor(image: unknown) {
      this.image = image;
      trays.push(this);
      calls.push('new Tray');
    }
    on(event: string, fn: Listener) {
      this.listeners.set(event, fn);
    }
    setImage(image: unknown) {
      this.image = image;
    }
    setToolTip(text: string) {
      this.tooltip = text;
    }
    setTitle() {}
    setContextMenu(menu: unknown) {
      this.menu = menu;
    }
    destroy() {}
  }
  let ready!: () => void;
  const readyPromise = new Promise<void>((r) => (ready = r));

  class FakeWindow {
    readonly options: Record<string, unknown>;
    loadedUrl = '';
    readonly listeners = new Map<string, Listener>();
    readonly webContents = {
      mainFrame: { url: '', parent: null as unknown },
      sent: [] as unknown[][],
      send: (...args: unknown[]) => this.webContents.sent.push(args),
      isLoading: () => false,
      once: () => {},
    };
    constructor(options: Record<string, unknown>) {
      this.options = options;
      windows.push(this);
      calls.push('new BrowserWindow');
    }
    loadURL(url: string) {
      this.loadedUrl = url;
      this.webContents.mainFrame.url = url;
      return Promise.resolve();
    }
    once(event: string, fn: Listener) {
      this.listeners.set(event, fn);
    }
    on(event: string, fn: Listener) {
      this.listeners.set(event, fn);
    }
    isDestroyed() {
      return false;
    }
    isMinimized() {
      return false;
    }
    show() {}
    hide() {}
    focus() {}
    restore() {}
  }

  const module = {
    app: {
      isPackaged: false,
      requestSingleInstanceLock: () => (calls.push('requestSingleInstanceLock'), true),
      setPath: (name: string, value: string) => calls.push(`setPath ${name} ${value}`),
      on: (event: string, fn: Listener) => appListeners.set(event, [...(appListeners.get(event) ?? []), fn]),
      whenReady: () => readyPromise.then(() => calls.push('ready')),
      quit: () => calls.push('quit'),
      exit: (code: number) => calls.push(`exit ${code}`),
      setBadgeCount: (n: number) => calls.push(`setBadgeCount ${n}`),
      setLoginItemSettings: () => calls.push('setLoginItemSettings'),
    },
    Tray: FakeTray,
    Menu: { buildFromTemplate: (template: unknown) => ({ template }) },
    nativeImage: { createFromDataURL: (url: string) => ({ url }) },
    powerMonitor: { on: (event: string, fn: Listener) => power.set(event, fn) },
    Notification: class {
      static isSupported = () => false;
    },
    clipboard: { write: async () => {}, readText: async () => '', clear: () => {} },
    ClipboardItem: class {},
    BrowserWindow: FakeWindow,
    ipcMain: {
      handle: (channel: string, fn: Listener) => ipcHandlers.set(channel, fn),
      removeHandler: (channel: string) => ipcHandlers.delete(channel),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown) => calls.push(`registerSchemesAsPrivileged ${JSON.stringify(schemes)}`),
      handle: (scheme: string, fn: (req: Request) => Promise<Response>) => protocolHandlers.set(scheme, fn),
    },
    net: {
      fetch: async (url: string) => {
        try {
          return new Response(await readFile(fileURLToPath(url)), { status: 200, headers: { 'content-type': url.endsWith('.html') ? 'text/html' : 'application/octet-stream' } });
        } catch {
          return new Response('missing', { status: 404 });
        }
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: () => calls.push('setPermissionRequestHandler'),
        setPermissionCheckHandler: () => calls.push('setPermissionCheckHandler'),
        setDevicePermissionHandler: () => calls.push('setDevicePermissionHandler'),
      },
    },
    shell: { openExternal: async () => {} },
  };

  return { module, calls, appListeners, ipcHandlers, protocolHandlers, windows, trays, power, ready: () => ready() };
}
