import { useRef } from 'react';
import type { KeySummary, Workspace } from '../../../shared/domain';
import { badgeOf } from '../lib/status';
import { useReveal } from '../store/reveal-store';
import { useUi } from '../store/ui-store';
import { EnvLabel } from './EnvLabel';
import { ExpiryCell } from './ExpiryCell';
import { RevealPopover } from './RevealPopover';
import { StatusBadge } from './StatusBadge';

interface Props {
  apiKey: KeySummary;
  workspace: Workspace | null;
  serviceLabel: string;
  now: number;
}

export function KeyRow({ apiKey: k, workspace, serviceLabel, now }: Props) {
  const revealedId = useReveal((s) => s.keyId);
  const reveal = useReveal((s) => s.reveal);
  const hide = useReveal((s) => s.hide);
  const open = useUi((s) => s.open);
  const isOpen = revealedId === k.id;
  const revealButton = useRef<HTMLButtonElement>(null);

  return (
    <tr className="key-row" data-key-id={k.id}>
      <th scope="row" className="key-name">
        <span className="key-name-text">{k.name}</span>
        {k.scopes.length > 0 ? <span className="key-scopes">{k.scopes.join(' · ')}</span> : null}
        {k.projectId ? <span className="key-scopes">project {k.projectId}</span> : null}
      </th>
      <td>
        <span className="service">{serviceLabel}</span>
        {workspace ? (
          <span className="key-workspace">
            <span className={`ws-dot ws-color-${workspace.color}`} aria-hidden="true" />
            {workspace.name}
            <EnvLabel environment={workspace.environment} />
          </span>
        ) : (
          <span className="key-workspace muted">No workspace</span>
        )}
      </td>
      <td>
        <code className="masked" aria-label={`Masked key ${k.masked}`}>{k.masked}</code>
      </td>
      <td>
        <StatusBadge kind={badgeOf(k, now)} />
      </td>
      <td>
        <ExpiryCell expiresAt={k.expiresAt} now={now} />
      </td>
      <td className="row-actions">
        <div className="row-actions-inner">
          <button
            ref={revealButton}
            type="button"
            className="button button-small"
            aria-label={`Reveal ${k.name}`}
            aria-expanded={isOpen}
            disabled={!k.hasSecret}
            title={k.hasSecret ? 'Show the secret (recorded in the audit log)' : 'Keydeck does not hold this secret'}
            onClick={() => (isOpen ? hide() : void reveal(k.id))}
          >
            Reveal
          </button>
          <button type="button" className="button button-small button-danger-quiet" aria-label={`Delete ${k.name}`} onClick={() => open({ kind: 'delete-key', keyId: k.id })}>
            Delete
          </button>
          {isOpen ? <RevealPopover keyName={k.name} anchor={revealButton} /> : null}
        </div>
      </td>
    </tr>
  );
}
