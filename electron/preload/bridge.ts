import type { IpcRenderer } from 'electron';
import type { KeydeckBridge } from '../../shared/contract/bridge';
import { IPC_EVENT, IPC_INVOKE, isChannel, isEventName } from '../../shared/contract/names';
import { err } from '../../shared/result';

/**
 * window.keydeck: two functions, names checked against the contract, no ipcRenderer handed
 * to the page. Built from an injected ipcRenderer so it is tested without Electron.
 */
export function createBridge(ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>): KeydeckBridge {
  return {
    invoke(channel, input) {
      if (!isChannel(channel)) return Promise.resolve(err('unknown_channel', `Unknown channel ${JSON.stringify(String(channel).slice(0, 64))}.`));
      return ipc.invoke(IPC_INVOKE, channel, input);
    },
    on(event, listener) {
      if (!isEventName(event)) throw new TypeError(`Unknown event ${JSON.stringify(String(event).slice(0, 64))}`);
      const wrapped = (_e: unknown, name: unknown, payload: unknown) => {
        if (name === event) listener(payload);
      };
      ipc.on(IPC_EVENT, wrapped);
      return () => {
        ipc.removeListener(IPC_EVENT, wrapped);
      };
    },
  };
}
