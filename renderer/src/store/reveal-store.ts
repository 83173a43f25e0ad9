import { create } from 'zustand';
import { client } from '../lib/client';
import { useVault } from './vault-store';

/**
 * The only place a secret lives in the renderer, and only while its popover is open:
 * hiding drops it, so nothing lingers in state after the user is done looking.
 */
export interface RevealState {
  keyId: string | null;
  secret: string | null;
  pending: boolean;
  reveal(id: string): Promise<void>;
  hide(): void;
}

export const useReveal = create<RevealState>()((set, get) => ({
  keyId: null,
  secret: null,
  pending: false,

  async reveal(id) {
    set({ keyId: id, secret: null, pending: true });
    const r = await client.invoke('keys.reveal', { id });
    // The user may have closed the popover or opened another one while we waited.
    if (get().keyId !== id) return;
    if (r.ok) set({ secret: r.value.secret, pending: false });
    else {
      set({ keyId: null, secret: null, pending: false });
      useVault.getState().showError(r.error);
    }
  },

  hide() {
    set({ keyId: null, secret: null, pending: false });
  },
}));
