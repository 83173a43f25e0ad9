import type { Workspace } from '../../../shared/domain';
import { relativeTime } from '../lib/time';
import { EnvLabel } from './EnvLabel';

interface Props {
  workspace: Workspace;
  selected: boolean;
  attention: number;
  syncing: boolean;
  onSelect(id: string): void;
}

export function WorkspaceItem({ workspace: w, selected, attention, syncing, onSelect }: Props) {
  return (
    <button
      type="button"
      className={`nav-item ws-item${selected ? ' is-selected' : ''}`}
      aria-current={selected ? 'page' : undefined}
      title={`${w.baseUrl}${w.managementKeyId ? (w.lastSyncedAt ? ` · last synced ${relativeTime(w.lastSyncedAt)}` : ' · not synced yet') : ' · not connected'}`}
      onClick={() => onSelect(w.id)}
    >
      <span className={`ws-dot ws-color-${w.color}${w.managementKeyId ? '' : ' ws-dot-hollow'}`} aria-hidden="true" />
      {/* The name comes from the visible text; hidden commas and "keys" make it read as "Acme, prod, 3 keys". */}
      <span className="nav-item-name">
        {w.name}
        <span className="visually-hidden">,</span>
      </span>
      <span className="ws-env">
        <EnvLabel environment={w.environment} />
        <span className="visually-hidden">,</span>
      </span>
      <span className="count">
        {w.keyCount}
        <span className="visually-hidden">{w.keyCount === 1 ? ' key' : ' keys'}</span>
      </span>
      {attention > 0 ? (
        <span className="attention-count" title={`${attention} ${attention === 1 ? 'key needs' : 'keys need'} attention`}>
          <span className="visually-hidden">,</span>
          {attention}
          <span className="visually-hidden"> need attention</span>
        </span>
      ) : null}
      {syncing ? <span className="spinner" role="img" aria-label="syncing" /> : null}
    </button>
  );
}
