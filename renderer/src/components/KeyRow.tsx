import { memo, useRef } from 'react';
import type { Workspace } from '../../../shared/domain';
import { cannotRotate, copyKey, openRotate } from '../lib/actions';
import { inertText } from '../lib/inert-text';
import type { Indexed } from '../lib/filter';
import { useReveal } from '../store/reveal-store';
import { useUi } from '../store/ui-store';
import { useView } from '../store/view-store';
import { EnvLabel } from './EnvLabel';
import { RevealPopover } from './RevealPopover';
import { StatusBadge } from './StatusBadge';
import { TimeCell } from './TimeCell';

interface Props {
  item: Indexed;
  index: number;
  workspace: Workspace | null;
  selected: boolean;
  now: number;
}

/** One key: a fixed-height row (the table is virtualized), its name a button that opens the detail pane. */
export const KeyRow = memo(function KeyRow({ item, index, workspace, selected, now }: Props) {
  const k = item.key;
  // One subscription per row; actions are read from the stores when clicked (10,000-key tables re-render rows often).
  const isOpen = useReveal((s) => s.keyId === k.id);
  const { reveal, hide } = useReveal.getState();
  const { open } = useUi.getState();
  const { selectKey } = useView.getState();
  const revealButton = useRef<HTMLButtonElement>(null);
  const sub = [k.scopes.join(' · '), k.projectId ? `project ${k.projectId}` : ''].filter(Boolean).join(' — ');
  const rotateBlocked = cannotRotate(k);

  return (
    <tr className={`key-row${selected ? ' is-selected' : ''}`} data-key-id={k.id} aria-rowindex={index + 2} aria-current={selected ? 'true' : undefined}>
      <th scope="row" className="key-name">
        <button type="button" className="key-select" aria-expanded={selected} onClick={() => selectKey(selected ? null : k.id)}>
          <span className="key-name-text">{inertText(k.name)}</span>
        </button>
        {sub ? <span className="key-scopes">{sub}</span> : null}
      </th>
      <td className="col-service">
        <span className="service">{item.serviceLabel}</span>
        {workspace ? (
          <span className="key-workspace">
            <span className={`ws-dot ws-color-${workspace.color}`} aria-hidden="true" />
            <span className="key-workspace-name">{inertText(workspace.name)}</span>
            <EnvLabel environment={workspace.environment} />
          </span>
        ) : (
          <span className="key-workspace muted">No workspace</span>
        )}
      </td>
      <td className="col-masked">
        <code className="masked" aria-label={`Masked key ${k.masked}`}>{k.masked}</code>
      </td>
      <td className="col-status">
        <StatusBadge badge={item.badge} now={now} />
      </td>
      <td className="col-expires">
        {k.status === 'revoked' || k.status === 'deleted_remote' ? (
          // A key that no longer works has no expiry to watch; when it stopped is what matters.
          <TimeCell at={k.revokedAt} now={now} never="—" />
        ) : (
          <TimeCell at={k.expiresAt} now={now} past="" />
        )}
      </td>
      <td className="row-actions">
        <div className="row-actions-inner">
          <button type="button" className="button button-small" aria-label={`Copy ${k.name}`} disabled={!k.hasSecret} title={k.hasSecret ? 'Copy the secret (c)' : 'Keydeck does not hold this secret'} onClick={() => void copyKey(k)}>
            Copy
          </button>
          <button type="button" className="button button-small" aria-label={`Rotate ${k.name}`} aria-disabled={rotateBlocked ? true : undefined} title={rotateBlocked ?? 'Rotate (r)'} onClick={() => openRotate(k)}>
            Rotate
          </button>
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
});
