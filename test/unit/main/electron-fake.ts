import { vi } from 'vitest';

/**
 * The `electron` module replaced at its boundary: just enough surface for the shell's
 * wiring to be observed. Everything behind it (router, core) is real.
 */
export function fakeElectron() {
  const handlers = new Map<string, (...args: unknown[]) => unknown>();
  const ipcMain = {
    handle: vi.fn((channel: string, fn: (...args: unknown[]) => unknown) => handlers.set(channel, fn)),
    removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
  };
  const shell = { openExternal: vi.fn(async () => {}) };
  return { handlers, ipcMain, shell };
}

/** A WebContents that records its listeners so tests can fire them. */
export function fakeWebContents() {
  const listeners = new Map<string, (...args: unknown[]) => void>();
  let openHandler: ((d: { url: string }) => { action: string }) | null = null;
  return {
    listeners,
    get openHandler() {
      return openHandler;
    },
    on: vi.fn((event: string, fn: (...args: unknown[]) => void) => listeners.set(event, fn)),
    setWindowOpenHandler: vi.fn((fn: (d: { url: string }) => { action: string }) => (openHandler = fn)),
  };
}
