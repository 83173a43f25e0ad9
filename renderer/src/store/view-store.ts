import { create } from 'zustand';
import type { ProviderId } from '../../../shared/domain';
import { NO_FILTERS, type KeyFilters, type Sort } from '../lib/filter';
import type { StatusFilter } from '../lib/status';

export type Screen = 'keys' | 'attention' | 'health' | 'leaks' | 'audit' | 'settings';

/** What the window is looking at: screen, filters, sort and the selected key. No data from the core. */
export interface ViewState extends KeyFilters {
  screen: Screen;
  sort: Sort;
  selectedKeyId: string | null;
  setScreen(screen: Screen): void;
  setQuery(query: string): void;
  selectWorkspace(id: string | null): void;
  setProvider(provider: ProviderId | null): void;
  setStatus(status: StatusFilter | null): void;
  setExpiringWithin(days: number | null): void;
  setShowRevoked(show: boolean): void;
  clearFilters(): void;
  sortBy(by: Sort['by']): void;
  selectKey(id: string | null): void;
}

export const useView = create<ViewState>()((set, get) => ({
  ...NO_FILTERS,
  screen: 'keys',
  sort: { by: 'name', dir: 'asc' },
  selectedKeyId: null,
  setScreen: (screen) => set({ screen }),
  setQuery: (query) => set({ query }),
  selectWorkspace: (workspaceId) => set({ workspaceId, screen: 'keys' }),
  setProvider: (provider) => set({ provider }),
  setStatus: (status) => set({ status }),
  setExpiringWithin: (expiringWithinDays) => set({ expiringWithinDays }),
  setShowRevoked: (showRevoked) => set({ showRevoked }),
  clearFilters: () => set({ query: '', provider: null, status: null, expiringWithinDays: null }),
  sortBy: (by) => {
    const { sort } = get();
    set({ sort: sort.by === by ? { by, dir: sort.dir === 'asc' ? 'desc' : 'asc' } : { by, dir: 'asc' } });
  },
  selectKey: (selectedKeyId) => set({ selectedKeyId }),
}));
