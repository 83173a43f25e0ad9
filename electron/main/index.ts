import { app, BrowserWindow, powerMonitor, session } from 'electron';
import { join } from 'node:path';
import { IPC_EVENT } from '../../shared/contract/names';
import type { Settings } from '../../shared/domain';
import { createDefaultCore, type Core } from '../core/create-core';
import { stderrLogger } from '../core/log';
import { defaultDataDir } from '../core/paths';
import { cliModeArgs, runCliMode } from './cli-mode';
import { electronClipboard } from './clipboard';
import { appCliInstaller } from './cli-installer';
import { electronFilePicker } from './file-picker';
import { hardenSession, hardenWebContents } from './hardening';
import { registerIpcTransport, windowEventSink } from './ipc-transport';
import { applyLinuxAutostart, HIDDEN_ARG, loginItemSettings } from './login-item';
import { ElectronNotifier } from './notifier';
import { registerAppScheme, serveRenderer } from './protocol';
import { APP_ORIGIN, openableWorkspaceUrls, originOf } from './security';
import { TrayIndicator } from './tray';
import { createMainWindow, focus } from './window';

// The shell only builds the core and connects it to Electron; every decision lives in electron/core.
const logger = stderrLogger('main');
const devUrl = process.env.ELECTRON_RENDERER_URL;
const trustedOrigins = [APP_ORIGIN, ...(devUrl && !app.isPackaged ? [originOf(devUrl) ?? ''] : [])].filter(Boolean);

let win: BrowserWindow | null = null;
let core: Core | null = null;
let quitting = false;

const tray = new TrayIndicator({
  openWindow: () => showWindow(),
  openKey: (keyId, action) => focusKey(keyId, action),
  copySecret: (keyId) => void core?.services.clipboard.copy(keyId).catch((e: unknown) => logger.warn('tray copy failed', { code: (e as { code?: string }).code })),
  checkNow: () => void core?.refreshScheduler.runNow(),
  quit: () => {
    quitting = true;
    app.quit();
  },
});
const notifier = new ElectronNotifier((notice) => (notice.keyId ? focusKey(notice.keyId, 'rotate') : notice.screen ? showScreen(notice.screen) : showWindow()));

const cliArgs = cliModeArgs(process.argv);
if (cliArgs) {
  // Started as the `keydeck` command (resources/bin/keydeck): the CLI, not a second app.
  runCliMode(app, cliArgs);
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // The CLI computes the same directory, so both open one database.
  app.setPath('userData', defaultDataDir());
  registerAppScheme();
  app.on('second-instance', () => showWindow());
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, trustedOrigins, workspaceOrigins));
  // Closing the window keeps Keydeck in the tray: the watcher keeps watching.
  app.on('window-all-closed', () => {});
  app.on('before-quit', () => (quitting = true));
  app.on('will-quit', () => {
    tray.destroy();
    core?.close();
  });
  app.whenReady().then(bootstrap).catch((e: unknown) => {
    logger.error('startup failed', { error: e instanceof Error ? e.message : String(e) });
    app.exit(1);
  });
}

/** Read at each click, so a workspace added or edited a moment ago counts. */
function workspaceOrigins(): string[] {
  try {
    return openableWorkspaceUrls(core?.services.workspaces.list() ?? []);
  } catch {
    return [];
  }
}

function bootstrap(): void {
  hardenSession(session.defaultSession);
  serveRenderer(join(__dirname, '../renderer'));
  core = createDefaultCore({ events: windowEventSink(() => win), logger, notifier, indicator: tray, clipboard: electronClipboard, files: electronFilePicker(() => win), cliInstaller: appCliInstaller });
  registerIpcTransport(core.router, () => win, trustedOrigins);
  tray.attach();
  applyLoginItem(core.services.settings.get());
  core.services.settings.onChange(applyLoginItem);
  powerMonitor.on('resume', () => {
    core?.expiryScheduler.resume();
    void core?.refreshScheduler.tick();
  });
  powerMonitor.on('unlock-screen', () => core?.expiryScheduler.resume());
  void core.start();
  if (!process.argv.includes(HIDDEN_ARG)) showWindow();
  app.on('activate', () => showWindow());
}

function showWindow(): BrowserWindow {
  if (win) {
    focus(win);
    return win;
  }
  const created = createMainWindow(join(__dirname, '../preload/index.js'), devUrl && !app.isPackaged ? devUrl : `${APP_ORIGIN}/index.html`);
  created.on('close', (event) => {
    if (!quitting) {
      event.preventDefault();
      created.hide();
    }
  });
  created.on('closed', () => (win = null));
  win = created;
  return created;
}

/** From the tray or a notification: show the key, with its rotate action ready if asked. */
function focusKey(keyId: string, action: 'open' | 'rotate'): void {
  const target = showWindow();
  const send = () => target.webContents.send(IPC_EVENT, 'ui.focusKey', { keyId, action });
  if (target.webContents.isLoading()) target.webContents.once('did-finish-load', send);
  else send();
}

/** From a notification about several keys (new leaks): the screen that lists them. */
function showScreen(screen: 'leaks' | 'health'): void {
  const target = showWindow();
  const send = () => target.webContents.send(IPC_EVENT, 'ui.showScreen', { screen });
  if (target.webContents.isLoading()) target.webContents.once('did-finish-load', send);
  else send();
}

function applyLoginItem(settings: Settings): void {
  if (!app.isPackaged) return; // a dev build must not register itself to start at login
  if (process.platform === 'linux') applyLinuxAutostart(settings.launchAtLogin, process.env.APPIMAGE ?? process.execPath);
  else app.setLoginItemSettings(loginItemSettings(settings));
}
