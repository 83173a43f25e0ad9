import { useMemo } from 'react';
import type { ProviderInfo, Workspace } from '../../../shared/domain';
import { useUi } from '../store/ui-store';
import { useVault } from '../store/vault-store';
import { WorkspaceGroup } from './WorkspaceGroup';

interface Group {
  provider: ProviderInfo | { id: string; label: string; vendor: string };
  workspaces: Workspace[];
}

/** Workspaces grouped by service, in the catalog's order; a click filters the key table. */
export function Sidebar() {
  const providers = useVault((s) => s.providers);
  const workspaces = useVault((s) => s.workspaces);
  const selected = useVault((s) => s.workspaceId);
  const select = useVault((s) => s.selectWorkspace);
  const loading = useVault((s) => s.loading);
  const open = useUi((s) => s.open);

  const groups = useMemo<Group[]>(
    () =>
      providers
        .map((provider) => ({ provider, workspaces: workspaces.filter((w) => w.provider === provider.id) }))
        .filter((g) => g.workspaces.length > 0),
    [providers, workspaces],
  );
  const total = useVault((s) => s.totalKeys);

  return (
    <nav className="sidebar" aria-label="Workspaces">
      <div className="brand">
        <img className="brand-mark" src="favicon.svg" alt="" width={22} height={22} />
        <span className="brand-name">Keydeck</span>
      </div>
      <button
        type="button"
        className={`nav-item nav-all${selected === null ? ' is-selected' : ''}`}
        aria-current={selected === null ? 'page' : undefined}
        onClick={() => select(null)}
      >
        <span className="nav-item-name">All keys</span>
        <span className="count">{total}</span>
      </button>

      <div className="sidebar-section-title">
        <span>Workspaces</span>
      </div>
      <div className="sidebar-groups">
        {groups.map((g) => (
          <WorkspaceGroup key={g.provider.id} label={g.provider.label} vendor={g.provider.vendor} workspaces={g.workspaces} selectedId={selected} onSelect={select} />
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
    </nav>
  );
}
