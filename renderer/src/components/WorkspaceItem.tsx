import type { Workspace } from '../../../shared/domain';
import { EnvLabel } from './EnvLabel';

interface Props {
  workspace: Workspace;
  selected: boolean;
  onSelect(id: string): void;
}

export function WorkspaceItem({ workspace: w, selected, onSelect }: Props) {
  const keys = `${w.keyCount} ${w.keyCount === 1 ? 'key' : 'keys'}`;
  return (
    <button
      type="button"
      className={`nav-item ws-item${selected ? ' is-selected' : ''}`}
      aria-current={selected ? 'page' : undefined}
      aria-label={`${w.name}, ${w.environment}, ${keys}`}
      title={w.baseUrl}
      onClick={() => onSelect(w.id)}
    >
      <span className={`ws-dot ws-color-${w.color}`} aria-hidden="true" />
      <span className="nav-item-name">{w.name}</span>
      <EnvLabel environment={w.environment} />
      <span className="count" aria-hidden="true">{w.keyCount}</span>
    </button>
  );
}
