import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { IPC_EVENT, IPC_INVOKE } from '../../shared/contract/names';
import { err } from '../../shared/result';
import type { Router } from '../core/ipc/router';
import type { CoreEvent, EventSink } from '../core/ports';
import { isTrustedSender } from './security';

/**
 * The ipcMain side of the contract: one handler for every channel, because the router, not
 * Electron, knows the channels. Each call is checked to come from our window's top frame.
 */
export function registerIpcTransport(router: Router, getWindow: () => BrowserWindow | null, trustedOrigins: readonly string[]): () => void {
  ipcMain.handle(IPC_INVOKE, (event: IpcMainInvokeEvent, channel: unknown, input: unknown) => {
    const expected = getWindow()?.webContents.mainFrame;
    if (!isTrustedSender(event.senderFrame, expected, trustedOrigins)) {
      return err('forbidden_sender', 'This request did not come from the Keydeck window and was refused.');
    }
    return router.invoke(channel, input);
  });
  return () => ipcMain.removeHandler(IPC_INVOKE);
}

/** Core events go to the window only; a closed window simply misses them (it refetches on open). */
export function windowEventSink(getWindow: () => BrowserWindow | null): EventSink {
  return {
    emit(event: CoreEvent) {
      const win = getWindow();
      if (win && !win.isDestroyed()) win.webContents.send(IPC_EVENT, event.name, event.payload);
    },
  };
}
