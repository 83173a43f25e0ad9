import { useEffect } from 'react';
import { useReveal } from '../store/reveal-store';
import { useVault } from '../store/vault-store';
import { useUi } from '../store/ui-store';
import { EmptyState } from './EmptyState';
import { ErrorBanner } from './ErrorBanner';
import { KeyTable } from './KeyTable';
import { MainHeader } from './MainHeader';

export function MainPane() {
  const { providers, workspaces, keys, query, workspaceId, loading, banner } = useVault();
  const dismiss = useVault((s) => s.dismissBanner);
  const setQuery = useVault((s) => s.setQuery);
  const open = useUi((s) => s.open);
  const revealedId = useReveal((s) => s.keyId);
  const hideSecret = useReveal((s) => s.hide);

  // A revealed key that leaves the table (deleted elsewhere, filtered out) takes its secret with it.
  useEffect(() => {
    if (revealedId && !keys.some((k) => k.id === revealedId)) hideSecret();
  }, [keys, revealedId, hideSecret]);

  const workspace = workspaces.find((w) => w.id === workspaceId) ?? null;
  const serviceLabel = workspace ? providers.find((p) => p.id === workspace.provider)?.label ?? workspace.provider : null;
  const importHere = () => open({ kind: 'import-key', workspaceId });

  let body;
  if (loading) {
    body = <p className="loading" role="status">Opening the vault…</p>;
  } else if (keys.length > 0) {
    body = <KeyTable keys={keys} workspaces={workspaces} providers={providers} />;
  } else if (query.trim()) {
    body = (
      <EmptyState title={`No keys match “${query.trim()}”`} action={<button type="button" className="button" onClick={() => setQuery('')}>Clear search</button>}>
        <p>Search looks at key names and their masked form{workspace ? ` in ${workspace.name}` : ''}.</p>
      </EmptyState>
    );
  } else if (workspace) {
    body = (
      <EmptyState title={`No keys in ${workspace.name} yet`} action={<button type="button" className="button button-primary" onClick={importHere}>Import a {serviceLabel} key</button>}>
        <p>Paste a key you already use with this account. Keydeck keeps the secret in your OS keychain and shows only its masked form here.</p>
      </EmptyState>
    );
  } else {
    body = (
      <EmptyState
        title="Your vault is empty"
        action={
          <>
            {workspaces.length === 0 ? <button type="button" className="button" onClick={() => open({ kind: 'add-workspace' })}>Add a workspace</button> : null}
            <button type="button" className="button button-primary" onClick={importHere}>Import your first key</button>
          </>
        }
      >
        <p>
          Start with a key you already have: paste it once and Keydeck stores it in the OS keychain, tracks its expiry and keeps it
          out of your dotfiles. Add a workspace first to group keys by account and environment.
        </p>
        <p className="muted">Tip: press <kbd>/</kbd> anywhere to search.</p>
      </EmptyState>
    );
  }

  return (
    <main className="main">
      <MainHeader workspace={workspace} serviceLabel={serviceLabel} />
      {banner ? <ErrorBanner error={banner} onDismiss={dismiss} /> : null}
      <div className="main-body">{body}</div>
      <footer className="status-bar" aria-live="polite">
        {loading ? '' : `${keys.length} ${keys.length === 1 ? 'key' : 'keys'}${query.trim() ? ' matching' : ''}${workspace ? ` in ${workspace.name}` : ''}`}
      </footer>
    </main>
  );
}
