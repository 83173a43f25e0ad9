import type { Workspace } from '../../../shared/domain';
import { useUi } from '../store/ui-store';
import { EnvLabel } from './EnvLabel';
import { SearchBox } from './SearchBox';

interface Props {
  workspace: Workspace | null;
  serviceLabel: string | null;
}

export function MainHeader({ workspace, serviceLabel }: Props) {
  const open = useUi((s) => s.open);
  return (
    <header className="main-header">
      <div className="main-title">
        {workspace ? (
          <>
            <span className={`ws-dot ws-dot-large ws-color-${workspace.color}`} aria-hidden="true" />
            <h1>{workspace.name}</h1>
            <EnvLabel environment={workspace.environment} />
            <span className="main-subtitle">{serviceLabel} · {workspace.baseUrl}</span>
          </>
        ) : (
          <h1>All keys</h1>
        )}
      </div>
      <div className="main-actions">
        <SearchBox />
        <button type="button" className="button button-primary" onClick={() => open({ kind: 'import-key', workspaceId: workspace?.id ?? null })}>
          Import key
        </button>
      </div>
    </header>
  );
}
