import { describe, expect, it, vi } from 'vitest';
import { createBridge } from '../../../electron/preload/bridge';
import { IPC_EVENT, IPC_INVOKE } from '../../../shared/contract/names';

function fakeIpcRenderer() {
  const listeners = new Set<(...args: unknown[]) => void>();
  return {
    listeners,
    invoke: vi.fn(async () => ({ ok: true, value: [] })),
    on: vi.fn((_c: string, fn: (...args: unknown[]) => void) => listeners.add(fn)),
    removeListener: vi.fn((_c: string, fn: (...args: unknown[]) => void) => listeners.delete(fn)),
  };
}

describe('the preload bridge (window.keydeck)', () => {
  it('exposes exactly invoke and on', () => {
    expect(Object.keys(createBridge(fakeIpcRenderer() as never)).sort()).toEqual(['invoke', 'on']);
  });

  it('forwards contract channels over the single invoke channel', async () => {
    const ipc = fakeIpcRenderer();
    await createBridge(ipc as never).invoke('keys.list', { query: 'x' });
    expect(ipc.invoke).toHaveBeenCalledWith(IPC_INVOKE, 'keys.list', { query: 'x' });
  });

  it('answers unknown channels itself, without sending anything', async () => {
    const ipc = fakeIpcRenderer();
    expect(await createBridge(ipc as never).invoke('shell.exec', {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(ipc.invoke).not.toHaveBeenCalled();
  });

  it('delivers only the subscribed event, and unsubscribes', () => {
    const ipc = fakeIpcRenderer();
    const bridge = createBridge(ipc as never);
    const seen: unknown[] = [];
    const off = bridge.on('vault.changed', (p) => seen.push(p));
    for (const l of ipc.listeners) {
      l({ sender: 'x' }, 'vault.changed', { scope: 'keys' });
      l({ sender: 'x' }, 'other.event', { scope: 'nope' });
    }
    expect(seen).toEqual([{ scope: 'keys' }]);
    off();
    expect(ipc.removeListener).toHaveBeenCalledWith(IPC_EVENT, expect.any(Function));
    expect(ipc.listeners.size).toBe(0);
  });

  it('refuses to subscribe to an event the contract does not define', () => {
    expect(() => createBridge(fakeIpcRenderer() as never).on('anything', () => {})).toThrow(/Unknown event/);
  });
});
