import { create } from 'zustand';
import type { ChannelInput } from '../../../shared/contract';
import type { KeySummary, ProviderInfo, Workspace } from '../../../shared/domain';
import type { AppErrorShape, Result } from '../../../shared/result';
import { client } from '../lib/client';

export interface VaultState {
  providers: ProviderInfo[];
  workspaces: Workspace[];
  keys: KeySummary[];
  /** Every key in the vault, whatever the table's filters: the sidebar's "All keys" count. */
  totalKeys: number;
  /** What the table shows: the search text and the workspace picked in the sidebar. */
  query: string;
  workspaceId: string | null;
  /** True until the first answer arrives, so empty states do not flash before data. */
  loading: boolean;
  /** The latest failure not tied to a form, shown as a banner. */
  banner: AppErrorShape | null;

  loadAll(): Promise<void>;
  refreshWorkspaces(): Promise<void>;
  refreshKeys(): Promise<void>;
  setQuery(query: string): void;
  selectWorkspace(id: string | null): void;
  addWorkspace(input: ChannelInput<'workspaces.add'>): Promise<Result<Workspace>>;
  importKey(input: ChannelInput<'keys.import'>): Promise<Result<KeySummary>>;
  deleteKey(id: string): Promise<Result<{ id: string }>>;
  showError(error: AppErrorShape): void;
  dismissBanner(): void;
}

// Searches race: only the answer to the latest request may replace the table.
let keysRequest = 0;

export const useVault = create<VaultState>()((set, get) => ({
  providers: [],
  workspaces: [],
  keys: [],
  totalKeys: 0,
  query: '',
  workspaceId: null,
  loading: true,
  banner: null,

  async loadAll() {
    const providers = await client.invoke('providers.list', {});
    if (providers.ok) set({ providers: providers.value });
    else set({ banner: providers.error });
    await Promise.all([get().refreshWorkspaces(), get().refreshKeys()]);
    set({ loading: false });
  },

  async refreshWorkspaces() {
    // Workspace key counts leave out keys without a workspace, so the total is asked for on its own.
    const [r, all] = await Promise.all([client.invoke('workspaces.list', {}), client.invoke('keys.list', {})]);
    if (all.ok) set({ totalKeys: all.value.length });
    if (!r.ok) return set({ banner: r.error });
    const { workspaceId } = get();
    // The selected workspace may have been removed elsewhere (the CLI, another window).
    const stillThere = workspaceId === null || r.value.some((w) => w.id === workspaceId);
    set({ workspaces: r.value, ...(stillThere ? {} : { workspaceId: null }) });
    if (!stillThere) await get().refreshKeys();
  },

  async refreshKeys() {
    const { query, workspaceId } = get();
    const ticket = ++keysRequest;
    const input: ChannelInput<'keys.list'> = {};
    if (query.trim()) input.query = query.trim().slice(0, 200);
    if (workspaceId) input.workspaceId = workspaceId;
    const r = await client.invoke('keys.list', input);
    if (ticket !== keysRequest) return;
    if (r.ok) set({ keys: r.value });
    else set({ banner: r.error });
  },

  setQuery(query) {
    set({ query });
    void get().refreshKeys();
  },

  selectWorkspace(id) {
    set({ workspaceId: id });
    void get().refreshKeys();
  },

  async addWorkspace(input) {
    const r = await client.invoke('workspaces.add', input);
    if (r.ok) await get().refreshWorkspaces();
    return r;
  },

  async importKey(input) {
    const r = await client.invoke('keys.import', input);
    if (r.ok) await Promise.all([get().refreshKeys(), get().refreshWorkspaces()]);
    return r;
  },

  async deleteKey(id) {
    const r = await client.invoke('keys.delete', { id });
    if (r.ok) await Promise.all([get().refreshKeys(), get().refreshWorkspaces()]);
    else set({ banner: r.error });
    return r;
  },

  showError(error) {
    set({ banner: error });
  },

  dismissBanner() {
    set({ banner: null });
  },
}));
