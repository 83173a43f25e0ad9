import type { ProviderInfo, Workspace } from '../../../shared/domain';
import { useActivity } from '../store/activity-store';
import { useUi } from '../store/ui-store';
import { useVault } from '../store/vault-store';
import { EnvLabel } from './EnvLabel';
import { SearchBox } from './SearchBox';
import { ImportEnvButton } from './ImportEnvButton';
import { TimeCell } from './TimeCell';

interface Props {
  workspace: Workspace | null;
  provider: ProviderInfo | null;
}

/** Title, search and the actions that make sense here: connect or refresh a workspace, create or import a key. */
export function MainHeader({ workspace, provider }: Props) {
  const open = useUi((s) => s.open);
  const refreshWorkspace = useVault((s) => s.refreshWorkspace);
  const showError = useVault((s) => s.showError);
  const syncing = useActivity((s) => (workspace ? s.syncing.includes(workspace.id) : false));
  const setSyncing = useActivity((s) => s.setSyncing);
  const connected = Boolean(workspace?.managementKeyId);
  const canCreate = provider ? provider.capabilities.create || provider.capabilities.rotate === 'guided' : false;
  // Created through the service's API: that needs the management key (guided tokens are made in the web app).
  const createBlocked = workspace && provider?.capabilities.create && !connected ? `Connect ${workspace.name} first: creating a key needs its management key.` : null;

  async function refresh(ws: Workspace) {
    setSyncing(ws.id, true);
    const r = await refreshWorkspace(ws.id);
    setSyncing(ws.id, false);
    if (!r.ok) showError(r.error);
  }

  return (
    <header className="main-header">
      <div className="main-title">
        {workspace ? (
          <>
            <span className={`ws-dot ws-dot-large ws-color-${workspace.color}`} aria-hidden="true" />
            <h1>{workspace.name}</h1>
            <EnvLabel environment={workspace.environment} />
            <span className="main-subtitle">
              {provider?.label ?? workspace.provider} · {workspace.baseUrl} ·{' '}
              {workspace.managementKeyId ? (workspace.lastSyncedAt ? <>last synced <TimeCell at={workspace.lastSyncedAt} now={Date.now()} occurred /></> : 'not synced yet') : 'not connected'}
            </span>
          </>
        ) : (
          <h1>All keys</h1>
        )}
      </div>
      <div className="main-actions">
        <SearchBox />
        {workspace ? (
          <button type="button" className="button" aria-label={`Edit workspace ${workspace.name}`} title="Name, base URL, environment, management key, remove" onClick={() => open({ kind: 'edit-workspace', workspaceId: workspace.id })}>
            Edit…
          </button>
        ) : null}
        {workspace && !connected ? (
          <button type="button" className="button" onClick={() => open({ kind: 'connect-workspace', workspaceId: workspace.id })}>
            Connect…
          </button>
        ) : null}
        {workspace && connected && provider?.capabilities.list ? (
          <button type="button" className="button" disabled={syncing} onClick={() => void refresh(workspace)}>
            {syncing ? 'Refreshing…' : 'Refresh'}
          </button>
        ) : null}
        {workspace && canCreate ? (
          <button
            type="button"
            className="button"
            aria-disabled={createBlocked ? true : undefined}
            title={createBlocked ?? undefined}
            onClick={() => (createBlocked ? showError({ code: 'unsupported', message: createBlocked }) : open({ kind: 'create-key', workspaceId: workspace.id }))}
          >
            Create key
          </button>
        ) : null}
        <ImportEnvButton workspaceId={workspace?.id ?? null} />
        <button type="button" className="button button-primary" onClick={() => open({ kind: 'import-key', workspaceId: workspace?.id ?? null })}>
          Import key
        </button>
      </div>
    </header>
  );
}
