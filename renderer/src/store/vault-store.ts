import { create } from 'zustand';
import type { ChannelInput, ChannelOutput } from '../../../shared/contract';
import type { AttentionItem } from '../../../shared/contract/rotation';
import type { NeedsAttention } from '../../../shared/contract/attention';
import type { ExpiryStatus, KeySummary, ProviderInfo, Settings, Workspace } from '../../../shared/domain';
import type { AppErrorShape, Result } from '../../../shared/result';
import { client } from '../lib/client';
import { headOf } from '../lib/lineage';
import { useView } from './view-store';

/**
 * Everything the core knows that the window shows: read through the contract only, refetched
 * when the core says something changed. The table filters and sorts `keys` itself (view-store),
 * so a keystroke in the search box never waits for a round trip.
 */
export interface VaultState {
  providers: ProviderInfo[];
  workspaces: Workspace[];
  /** Every key, every generation: the table shows lineage heads (lib/lineage), dialogs find any key. */
  keys: KeySummary[];
  /** Moves on every audit change anywhere (this window, the CLI): views that show history refetch on it. */
  auditVersion: number;
  expiry: ExpiryStatus | null;
  /** Rotations and revocations waiting for the user (empty when the engine has nothing to say). */
  attention: AttentionItem[];
  /** The one "needs attention" answer (rotations + unsnoozed warnings) the CLI's `attention` gives too. */
  needs: NeedsAttention | null;
  settings: Settings | null;
  /** True until the first answer arrives, so empty states do not flash before data. */
  loading: boolean;
  /** The latest failure not tied to a form, shown as a banner. */
  banner: AppErrorShape | null;

  loadAll(): Promise<void>;
  refreshWorkspaces(): Promise<void>;
  refreshKeys(): Promise<void>;
  refreshExpiry(): Promise<void>;
  refreshAttention(): Promise<void>;
  refreshSettings(): Promise<void>;
  addWorkspace(input: ChannelInput<'workspaces.add'>): Promise<Result<Workspace>>;
  importKey(input: ChannelInput<'keys.import'>): Promise<Result<KeySummary>>;
  /** A token made in a service's web app: the core verifies it with the service before storing it. */
  guidedCreate(input: ChannelInput<'keys.guidedCreate'>): Promise<Result<KeySummary>>;
  deleteKey(id: string): Promise<Result<{ id: string }>>;
  connectWorkspace(input: ChannelInput<'workspaces.connect'>): Promise<Result<ChannelOutput<'workspaces.connect'>>>;
  refreshWorkspace(id: string): Promise<Result<ChannelOutput<'workspaces.refresh'>>>;
  updateSettings(input: ChannelInput<'settings.update'>): Promise<Result<Settings>>;
  showError(error: AppErrorShape): void;
  dismissBanner(): void;
}

// Refetches race: only the answer to the latest request may replace the list.
let keysRequest = 0;
let workspacesRequest = 0;

/**
 * The selected key was rotated (here, by the CLI, by the scheduler): the selection moves to its
 * successor, so the detail pane, Copy and `c` act on the key that works now, never on a stale id.
 */
function followSelection(before: KeySummary[], after: KeySummary[]): void {
  const selected = useView.getState().selectedKeyId;
  if (!selected) return;
  const was = before.find((k) => k.id === selected);
  const now = after.find((k) => k.id === selected);
  if (!now || !now.supersededBy || was?.supersededBy) return;
  const head = headOf(after, selected);
  if (head && head.id !== selected) useView.getState().selectKey(head.id);
}

export const useVault = create<VaultState>()((set, get) => ({
  providers: [],
  workspaces: [],
  keys: [],
  auditVersion: 0,
  expiry: null,
  attention: [],
  needs: null,
  settings: null,
  loading: true,
  banner: null,

  async loadAll() {
    const providers = await client.invoke('providers.list', {});
    if (providers.ok) set({ providers: providers.value });
    else set({ banner: providers.error });
    await Promise.all([get().refreshWorkspaces(), get().refreshKeys(), get().refreshExpiry(), get().refreshAttention(), get().refreshSettings()]);
    performance.mark('keydeck:vault-loaded');
    set({ loading: false });
  },

  async refreshWorkspaces() {
    const ticket = ++workspacesRequest;
    const r = await client.invoke('workspaces.list', {});
    if (ticket !== workspacesRequest) return;
    if (r.ok) {
      set({ workspaces: r.value });
      // Removed elsewhere (the CLI, another window) while the window looked at it: back to all keys.
      const viewing = useView.getState().workspaceId;
      if (viewing && !r.value.some((w) => w.id === viewing)) useView.getState().selectWorkspace(null);
    } else set({ banner: r.error });
  },

  async refreshKeys() {
    const ticket = ++keysRequest;
    performance.mark('keydeck:keys-requested');
    const r = await client.invoke('keys.list', {});
    if (ticket !== keysRequest) return;
    performance.mark('keydeck:keys-loaded');
    if (r.ok) {
      const before = get().keys;
      set({ keys: r.value });
      followSelection(before, r.value);
    } else set({ banner: r.error });
  },

  async refreshExpiry() {
    const r = await client.invoke('expiry.status', {});
    if (r.ok) set({ expiry: r.value });
    // The attention count includes expiry warnings: it moves with them.
    await get().refreshAttention();
  },

  async refreshAttention() {
    // Older cores (or one whose rotation engine is not there yet) answer `unsupported`: nothing to show then.
    const r = await client.invoke('attention.list', {});
    set(r.ok ? { attention: r.value.rotations, needs: r.value } : { attention: [], needs: null });
  },

  async refreshSettings() {
    const r = await client.invoke('settings.get', {});
    if (r.ok) set({ settings: r.value });
  },

  async addWorkspace(input) {
    const r = await client.invoke('workspaces.add', input);
    if (r.ok) await get().refreshWorkspaces();
    return r;
  },

  async importKey(input) {
    const r = await client.invoke('keys.import', input);
    if (r.ok) await Promise.all([get().refreshKeys(), get().refreshWorkspaces(), get().refreshExpiry()]);
    return r;
  },

  async guidedCreate(input) {
    const r = await client.invoke('keys.guidedCreate', input);
    if (r.ok) await Promise.all([get().refreshKeys(), get().refreshWorkspaces(), get().refreshExpiry()]);
    return r;
  },

  async deleteKey(id) {
    const r = await client.invoke('keys.delete', { id });
    if (r.ok) await Promise.all([get().refreshKeys(), get().refreshWorkspaces(), get().refreshExpiry()]);
    else set({ banner: r.error });
    return r;
  },

  async connectWorkspace(input) {
    const r = await client.invoke('workspaces.connect', input);
    await Promise.all([get().refreshWorkspaces(), get().refreshKeys(), get().refreshExpiry()]);
    return r;
  },

  async refreshWorkspace(id) {
    const r = await client.invoke('workspaces.refresh', { id });
    if (r.ok) await Promise.all([get().refreshWorkspaces(), get().refreshKeys(), get().refreshExpiry()]);
    return r;
  },

  async updateSettings(input) {
    const r = await client.invoke('settings.update', input);
    if (r.ok) set({ settings: r.value });
    return r;
  },

  showError(error) {
    set({ banner: error });
  },

  dismissBanner() {
    set({ banner: null });
  },
}));
