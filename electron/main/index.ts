import { app, BrowserWindow, session } from 'electron';
import { join } from 'node:path';
import { createDefaultCore, type Core } from '../core/create-core';
import { stderrLogger } from '../core/log';
import { defaultDataDir } from '../core/paths';
import { hardenSession, hardenWebContents } from './hardening';
import { registerIpcTransport, windowEventSink } from './ipc-transport';
import { registerAppScheme, serveRenderer } from './protocol';
import { APP_ORIGIN, originOf } from './security';
import { createMainWindow, focus } from './window';

// The shell only builds the core and connects it to Electron; every decision lives in electron/core.
const logger = stderrLogger('main');
const devUrl = process.env.ELECTRON_RENDERER_URL;
const trustedOrigins = [APP_ORIGIN, ...(devUrl && !app.isPackaged ? [originOf(devUrl) ?? ''] : [])].filter(Boolean);

let win: BrowserWindow | null = null;
let core: Core | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // The CLI computes the same directory, so both open one database.
  app.setPath('userData', defaultDataDir());
  registerAppScheme();
  app.on('second-instance', () => focus(win));
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, trustedOrigins));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => core?.close());
  app.whenReady().then(bootstrap).catch((e: unknown) => {
    logger.error('startup failed', { error: e instanceof Error ? e.message : String(e) });
    app.exit(1);
  });
}

function bootstrap(): void {
  hardenSession(session.defaultSession);
  serveRenderer(join(__dirname, '../renderer'));
  core = createDefaultCore({ events: windowEventSink(() => win), logger });
  registerIpcTransport(core.router, () => win, trustedOrigins);
  openWindow();
  app.on('activate', () => (win ? focus(win) : openWindow()));
}

function openWindow(): void {
  win = createMainWindow(join(__dirname, '../preload/index.js'), devUrl && !app.isPackaged ? devUrl : `${APP_ORIGIN}/index.html`);
  win.on('closed', () => (win = null));
}
