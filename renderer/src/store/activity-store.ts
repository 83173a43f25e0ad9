import { create } from 'zustand';
import type { RotationProgress } from '../../../shared/contract/rotation';
import type { SyncProgress } from '../../../shared/contract/sync';

/** Things in flight that the core reports as events: the clipboard timer, a sweep, rotations. */
export interface ActivityState {
  clipboard: { keyId: string; clearsAt: string } | null;
  sweep: { sweepId: string; done: number; total: number; failed: number } | null;
  /** The last "Sync all" that finished: shown until the next one starts. */
  lastSweep: { at: string; succeeded: number; total: number } | null;
  finishSweep(result: { succeeded: number; total: number } | null): void;
  /** Workspaces being refreshed or connected right now. */
  syncing: string[];
  rotation: RotationProgress[];
  setClipboard(c: { keyId: string; clearsAt: string } | null): void;
  onSync(p: SyncProgress): void;
  startSweep(): void;
  endSweep(): void;
  setSyncing(id: string, on: boolean): void;
  onRotation(p: RotationProgress): void;
  clearRotation(): void;
}

export const useActivity = create<ActivityState>()((set, get) => ({
  clipboard: null,
  sweep: null,
  lastSweep: null,
  finishSweep: (result) => set({ lastSweep: result ? { at: new Date().toISOString(), ...result } : null }),
  syncing: [],
  rotation: [],
  setClipboard: (clipboard) => set({ clipboard }),
  onSync: (p) => {
    const prev = get().sweep;
    const failed = (prev?.sweepId === p.sweepId ? prev.failed : 0) + (p.state === 'failed' ? 1 : 0);
    set({ sweep: { sweepId: p.sweepId, done: p.done, total: p.total, failed } });
    get().setSyncing(p.workspaceId, p.state === 'started');
  },
  startSweep: () => set({ sweep: { sweepId: '', done: 0, total: 0, failed: 0 } }),
  endSweep: () => set({ sweep: null, syncing: [] }),
  setSyncing: (id, on) => set((s) => ({ syncing: on ? [...new Set([...s.syncing, id])] : s.syncing.filter((x) => x !== id) })),
  onRotation: (p) => set((s) => ({ rotation: [...s.rotation.filter((r) => r.rotationId === p.rotationId), p] })),
  clearRotation: () => set({ rotation: [] }),
}));
