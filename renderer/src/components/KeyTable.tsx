import { useMemo } from 'react';
import type { KeySummary, ProviderInfo, Workspace } from '../../../shared/domain';
import { KeyRow } from './KeyRow';

interface Props {
  keys: KeySummary[];
  workspaces: Workspace[];
  providers: ProviderInfo[];
}

export function KeyTable({ keys, workspaces, providers }: Props) {
  const byWorkspace = useMemo(() => new Map(workspaces.map((w) => [w.id, w])), [workspaces]);
  const byProvider = useMemo(() => new Map(providers.map((p) => [p.id, p])), [providers]);
  // One clock reading per render keeps every row's "in 3 days" consistent.
  const now = Date.now();
  return (
    <div className="table-wrap">
      <table className="key-table">
        <caption className="visually-hidden">Keys</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Service / workspace</th>
            <th scope="col">Key</th>
            <th scope="col">Status</th>
            <th scope="col">Expires</th>
            <th scope="col"><span className="visually-hidden">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => (
            <KeyRow
              key={k.id}
              apiKey={k}
              workspace={k.workspaceId ? byWorkspace.get(k.workspaceId) ?? null : null}
              serviceLabel={byProvider.get(k.provider)?.label ?? k.provider}
              now={now}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}
