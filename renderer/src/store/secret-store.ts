import { create } from 'zustand';

/**
 * The one-time secret of a key just created or rotated, held only while its dialog is open.
 * `drop()` replaces the object that held it, so nothing in the renderer references it after.
 */
export interface OneTimeSecret {
  keyId: string;
  keyName: string;
  secret: string;
  /** What produced it, for the dialog's wording. */
  origin: 'created' | 'rotated';
  note?: string;
  /** Rotations: the old key, whose `rotation.progress` steps the dialog shows as done. */
  fromKeyId?: string;
}

export interface SecretState {
  current: OneTimeSecret | null;
  show(s: OneTimeSecret): void;
  drop(): void;
}

export const useSecret = create<SecretState>()((set) => ({
  current: null,
  show: (current) => set({ current }),
  drop: () => set({ current: null }),
}));
