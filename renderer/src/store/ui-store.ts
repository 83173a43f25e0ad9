import { create } from 'zustand';

export type DialogState =
  | { kind: 'none' }
  | { kind: 'add-workspace' }
  | { kind: 'import-key'; workspaceId: string | null }
  | { kind: 'delete-key'; keyId: string }
  | { kind: 'connect-workspace'; workspaceId: string }
  | { kind: 'edit-workspace'; workspaceId: string }
  | { kind: 'remove-workspace'; workspaceId: string }
  | { kind: 'create-key'; workspaceId: string }
  | { kind: 'rotate-key'; keyId: string }
  | { kind: 'revoke-key'; keyId: string };

/** Which dialog is open. One at a time, so focus always has one obvious home. */
export interface UiState {
  dialog: DialogState;
  open(dialog: DialogState): void;
  close(): void;
}

export const useUi = create<UiState>()((set) => ({
  dialog: { kind: 'none' },
  open: (dialog) => set({ dialog }),
  close: () => set({ dialog: { kind: 'none' } }),
}));
