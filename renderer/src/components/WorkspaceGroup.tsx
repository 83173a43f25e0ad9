import type { Workspace } from '../../../shared/domain';
import { WorkspaceItem } from './WorkspaceItem';

interface Props {
  label: string;
  vendor: string;
  workspaces: Workspace[];
  selectedId: string | null;
  attention: Map<string, number>;
  syncing: string[];
  onSelect(id: string): void;
}

export function WorkspaceGroup({ label, vendor, workspaces, selectedId, attention, syncing, onSelect }: Props) {
  return (
    <section className="ws-group" aria-label={label}>
      <h3 className="ws-group-title" title={vendor}>{label}</h3>
      <ul className="ws-list">
        {workspaces.map((w) => (
          <li key={w.id}>
            <WorkspaceItem workspace={w} selected={w.id === selectedId} attention={attention.get(w.id) ?? 0} syncing={syncing.includes(w.id)} onSelect={onSelect} />
          </li>
        ))}
      </ul>
    </section>
  );
}
