import { useMemo } from 'react';
import type { ProviderInfo, Workspace } from '../../../shared/domain';
import { client } from '../lib/client';
import { lineageHeads } from '../lib/lineage';
import { useAttentionByWorkspace } from '../lib/use-derived';
import { useOpenLeaks } from '../lib/use-open-leaks';
import { useActivity } from '../store/activity-store';
import { useUi } from '../store/ui-store';
import { useVault } from '../store/vault-store';
import { useView } from '../store/view-store';
import { WorkspaceGroup } from './WorkspaceGroup';

interface Group {
  provider: ProviderInfo;
  workspaces: Workspace[];
}

/** Workspaces grouped by service, in the catalog's order; a click filters the key table. */
export function Sidebar() {
  const providers = useVault((s) => s.providers);
  const workspaces = useVault((s) => s.workspaces);
  const keys = useVault((s) => s.keys);
  const total = useMemo(() => lineageHeads(keys).filter((k) => k.status !== 'revoked').length, [keys]);
  const loading = useVault((s) => s.loading);
  const screen = useView((s) => s.screen);
  const selected = useView((s) => s.workspaceId);
  const select = useView((s) => s.selectWorkspace);
  const setScreen = useView((s) => s.setScreen);
  const open = useUi((s) => s.open);
  const { byWorkspace, total: attentionTotal } = useAttentionByWorkspace();
  const syncing = useActivity((s) => s.syncing);
  const openLeaks = useOpenLeaks();
  const sweep = useActivity((s) => s.sweep);
  const lastSweep = useActivity((s) => s.lastSweep);

  const groups = useMemo<Group[]>(
    () =>
      providers
        .map((provider) => ({ provider, workspaces: workspaces.filter((w) => w.provider === provider.id) }))
        .filter((g) => g.workspaces.length > 0),
    [providers, workspaces],
  );
  const connected = workspaces.filter((w) => w.managementKeyId).length;

  async function sweepAll() {
    const activity = useActivity.getState();
    activity.startSweep();
    const r = await client.invoke('workspaces.sweep', {});
    activity.endSweep();
    activity.finishSweep(r.ok ? { succeeded: r.value.succeeded, total: r.value.total } : null);
    const vault = useVault.getState();
    await Promise.all([vault.refreshKeys(), vault.refreshWorkspaces(), vault.refreshExpiry()]);
    if (!r.ok) vault.showError(r.error);
    else if (r.value.failed.length > 0) {
      const names = r.value.failed.map((f) => workspaces.find((w) => w.id === f.workspaceId)?.name ?? f.workspaceId);
      vault.showError({ code: r.value.failed[0]!.code, message: `Could not refresh ${names.join(', ')}: ${r.value.failed[0]!.message}` });
    }
  }

  const onKeys = screen === 'keys';
  return (
    <nav className="sidebar" aria-label="Workspaces">
      <div className="brand">
        <img className="brand-mark" src="favicon.svg" alt="" width={22} height={22} />
        <span className="brand-name">Keydeck</span>
      </div>
      <button
        type="button"
        className={`nav-item nav-all${onKeys && selected === null ? ' is-selected' : ''}`}
        aria-current={onKeys && selected === null ? 'page' : undefined}
        onClick={() => select(null)}
      >
        <span className="nav-item-name">All keys</span>
        <span className="count">{total}</span>
      </button>
      {attentionTotal > 0 || screen === 'attention' ? (
        <button
          type="button"
          className={`nav-item${screen === 'attention' ? ' is-selected' : ''}`}
          aria-current={screen === 'attention' ? 'page' : undefined}
          onClick={() => setScreen('attention')}
        >
          <span className="nav-item-name">Needs attention</span>
          <span className="attention-count">{attentionTotal}</span>
        </button>
      ) : null}
      <button type="button" className={`nav-item${screen === 'health' ? ' is-selected' : ''}`} aria-current={screen === 'health' ? 'page' : undefined} onClick={() => setScreen('health')}>
        <span className="nav-item-name">Key health</span>
      </button>
      <button type="button" className={`nav-item${screen === 'leaks' ? ' is-selected' : ''}`} aria-current={screen === 'leaks' ? 'page' : undefined} onClick={() => setScreen('leaks')}>
        <span className="nav-item-name">Leaks</span>
        {openLeaks > 0 ? <span className="attention-count" title={`${openLeaks} open finding${openLeaks === 1 ? '' : 's'}`}>{openLeaks}</span> : null}
      </button>

      <div className="sidebar-section-title">
        <span>Workspaces</span>
        {connected > 0 ? (
          <button type="button" className="button button-small button-quiet sweep-button" disabled={sweep !== null} onClick={() => void sweepAll()} title="Refresh every connected workspace">
            {sweep ? `Syncing ${sweep.done}/${sweep.total || connected}…` : 'Sync all'}
          </button>
        ) : null}
      </div>
      {sweep ? (
        <progress className="sweep-progress" aria-label="Sync progress" max={sweep.total || connected} value={sweep.done} />
      ) : null}
      <p className="sweep-done" role="status">
        {!sweep && lastSweep ? `Sync all finished: ${lastSweep.succeeded} of ${lastSweep.total} refreshed` : ''}
      </p>
      <div className="sidebar-groups">
        {groups.map((g) => (
          <WorkspaceGroup
            key={g.provider.id}
            label={g.provider.label}
            vendor={g.provider.vendor}
            workspaces={g.workspaces}
            selectedId={onKeys ? selected : null}
            attention={byWorkspace}
            syncing={syncing}
            onSelect={select}
          />
        ))}
        {!loading && groups.length === 0 ? (
          <p className="sidebar-empty">
            A workspace is one account at one service, like <em>Acme prod</em> on Kernel. Add one to group its keys.
          </p>
        ) : null}
      </div>
      <button type="button" className="button button-secondary sidebar-add" onClick={() => open({ kind: 'add-workspace' })}>
        <span aria-hidden="true">+</span> Add workspace
      </button>
      <div className="sidebar-footer">
        <button type="button" className={`nav-item${screen === 'audit' ? ' is-selected' : ''}`} aria-current={screen === 'audit' ? 'page' : undefined} onClick={() => setScreen('audit')}>
          <span className="nav-item-name">Audit log</span>
        </button>
        <button type="button" className={`nav-item${screen === 'settings' ? ' is-selected' : ''}`} aria-current={screen === 'settings' ? 'page' : undefined} onClick={() => setScreen('settings')}>
          <span className="nav-item-name">Settings</span>
        </button>
      </div>
    </nav>
  );
}
