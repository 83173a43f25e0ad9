import { BrowserWindow } from 'electron';
import { mainWindowOptions } from './window-options';

export function createMainWindow(preloadPath: string, url: string): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(preloadPath));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(url);
  return win;
}

export function focus(win: BrowserWindow | null): void {
  if (!win) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}
