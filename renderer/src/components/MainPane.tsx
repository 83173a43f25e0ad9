import { useEffect, useMemo } from 'react';
import { hasFilters } from '../lib/filter';
import { useVisibleKeys } from '../lib/use-derived';
import { visibleKeyIds } from '../lib/use-shortcuts';
import { useReveal } from '../store/reveal-store';
import { useUi } from '../store/ui-store';
import { useVault } from '../store/vault-store';
import { useView } from '../store/view-store';
import { ClipboardStatus } from './ClipboardStatus';
import { DetailPane } from './DetailPane';
import { EmptyState } from './EmptyState';
import { ErrorBanner } from './ErrorBanner';
import { FilterBar } from './FilterBar';
import { KeyTable } from './KeyTable';
import { MainHeader } from './MainHeader';
import { ImportEnvButton } from './ImportEnvButton';

/** The key inventory: header, filters, the (virtualized) table and the selected key's details. */
export function MainPane() {
  const providers = useVault((s) => s.providers);
  const workspaces = useVault((s) => s.workspaces);
  const loading = useVault((s) => s.loading);
  const banner = useVault((s) => s.banner);
  const dismiss = useVault((s) => s.dismissBanner);
  const view = useView();
  const open = useUi((s) => s.open);
  const revealedId = useReveal((s) => s.keyId);
  const hideSecret = useReveal((s) => s.hide);
  const { all, visible } = useVisibleKeys();
  visibleKeyIds.current = useMemo(() => visible.map((i) => i.key.id), [visible]);

  // A revealed key that leaves the table (deleted elsewhere, filtered out) takes its secret with it.
  useEffect(() => {
    if (revealedId && !visible.some((i) => i.key.id === revealedId)) hideSecret();
  }, [visible, revealedId, hideSecret]);

  const workspace = workspaces.find((w) => w.id === view.workspaceId) ?? null;
  const provider = workspace ? providers.find((p) => p.id === workspace.provider) ?? null : null;
  const serviceLabel = provider?.label ?? workspace?.provider ?? null;
  const selected = view.selectedKeyId ? all.find((i) => i.key.id === view.selectedKeyId) ?? null : null;
  const importHere = () => open({ kind: 'import-key', workspaceId: view.workspaceId });
  const inScope = view.workspaceId ? all.filter((i) => i.key.workspaceId === view.workspaceId).length : all.length;
  const query = view.query.trim();

  let body;
  if (loading) {
    body = <p className="loading" role="status">Opening the vault…</p>;
  } else if (visible.length > 0 || (inScope > 0 && hasFilters(view))) {
    body = (
      <KeyTable
        items={visible}
        workspaces={workspaces}
        narrow={selected !== null}
        inWorkspace={workspace !== null}
        empty={
          <EmptyState
            title={query ? `No keys match “${query}”` : 'No keys match these filters'}
            action={
              <button type="button" className="button" onClick={view.clearFilters}>
                {query ? 'Clear search' : 'Clear filters'}
              </button>
            }
          >
            <p>Search looks at key names, their masked form, scopes, project, workspace and environment{workspace ? ` in ${workspace.name}` : ''}.</p>
          </EmptyState>
        }
      />
    );
  } else if (workspace) {
    const canList = provider?.capabilities.list ?? false;
    body = workspace.managementKeyId ? (
      <EmptyState title={`No keys in ${workspace.name} yet`} action={<button type="button" className="button button-primary" onClick={() => open({ kind: 'create-key', workspaceId: workspace.id })}>Create a {serviceLabel} key</button>}>
        <p>Create a key here: Keydeck shows its secret once, keeps it in your OS keychain and warns you before it expires.</p>
      </EmptyState>
    ) : (
      <EmptyState
        title={`No keys in ${workspace.name} yet`}
        action={
          <>
            <button type="button" className="button" onClick={importHere}>Import a {serviceLabel} key</button>
            <button type="button" className="button button-primary" onClick={() => open({ kind: 'connect-workspace', workspaceId: workspace.id })}>Connect {workspace.name}</button>
          </>
        }
      >
        <p>
          {canList
            ? `Connect the workspace with a management key and Keydeck lists every key of the account (names and dates only, never secrets), then lets you create, rotate and revoke them here.`
            : `Connect it with a token from ${serviceLabel}'s web app so Keydeck can verify it and guide you through creating and rotating tokens.`}{' '}
          Or paste a key you already use with this account.
        </p>
      </EmptyState>
    );
  } else {
    body = (
      <EmptyState
        title="Your vault is empty"
        action={
          <>
            {workspaces.length === 0 ? <button type="button" className="button" onClick={() => open({ kind: 'add-workspace' })}>Add a workspace</button> : null}
            <ImportEnvButton workspaceId={null} />
            <button type="button" className="button button-primary" onClick={importHere}>Import your first key</button>
          </>
        }
      >
        <p>
          Start with a key you already have: paste it once and Keydeck stores it in the OS keychain, tracks its expiry and keeps it
          out of your dotfiles. Add a workspace first to group keys by account and environment, and connect it to list and rotate its keys.
        </p>
        <p className="muted">Tip: press <kbd>/</kbd> anywhere to search, <kbd>↑</kbd> <kbd>↓</kbd> to move, <kbd>c</kbd> to copy and <kbd>r</kbd> to rotate.</p>
      </EmptyState>
    );
  }

  return (
    <main className="main">
      <MainHeader workspace={workspace} provider={provider} />
      {all.length > 0 ? <FilterBar /> : null}
      {banner ? <ErrorBanner error={banner} onDismiss={dismiss} /> : null}
      <div className={`main-body${selected ? ' has-detail' : ''}`}>
        <div className="main-list">{body}</div>
        {selected ? (
          <DetailPane
            key={selected.key.id}
            apiKey={selected.key}
            badge={selected.badge}
            workspace={workspaces.find((w) => w.id === selected.key.workspaceId) ?? null}
            serviceLabel={selected.serviceLabel}
          />
        ) : null}
      </div>
      <footer className="status-bar">
        <span aria-live="polite">
          {loading ? '' : `${visible.length} ${visible.length === 1 ? 'key' : 'keys'}${hasFilters(view) ? ' matching' : ''}${workspace ? ` in ${workspace.name}` : ''}`}
        </span>
        <ClipboardStatus />
      </footer>
    </main>
  );
}
