import { create } from 'zustand';

/** Whether the "Import .env file" dialog is open, and for which workspace it was opened. Its own store: the dialog stands apart from the key dialogs. */
interface EnvImportUi {
  openFor: { workspaceId: string | null } | null;
  open(workspaceId: string | null): void;
  close(): void;
}

export const useEnvImport = create<EnvImportUi>()((set) => ({
  openFor: null,
  open: (workspaceId) => set({ openFor: { workspaceId } }),
  close: () => set({ openFor: null }),
}));
