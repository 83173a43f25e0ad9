import type { KeydeckBridge } from '../../shared/contract/bridge';

declare global {
  interface Window {
    /** Exposed by the sandboxed preload (or the E2E harness): the page's only way to the core. */
    readonly keydeck: KeydeckBridge;
  }
}

export {};
