import { memo, useCallback, useRef, useState } from 'react';
import type { Workspace } from '../../../shared/domain';
import { cannotRevoke, cannotRotate, copyKey, noSecretReason, openRevoke, openRotate } from '../lib/actions';
import { inertText } from '../lib/inert-text';
import type { Indexed } from '../lib/filter';
import { useReveal } from '../store/reveal-store';
import { useUi } from '../store/ui-store';
import { useView } from '../store/view-store';
import { EnvLabel } from './EnvLabel';
import { RevealPopover } from './RevealPopover';
import { RowMenu } from './RowMenu';
import { StatusBadge } from './StatusBadge';
import { TimeCell } from './TimeCell';

interface Props {
  item: Indexed;
  index: number;
  workspace: Workspace | null;
  selected: boolean;
  now: number;
}

/**
 * One key: a fixed-height row (the table is virtualized), its name a button that opens the
 * detail pane. Copy stays in the row; the rest folds into a menu so the name keeps its room.
 */
export const KeyRow = memo(function KeyRow({ item, index, workspace, selected, now }: Props) {
  const k = item.key;
  // One subscription per row; actions are read from the stores when clicked (10,000-key tables re-render rows often).
  const isOpen = useReveal((s) => s.keyId === k.id);
  const [menuOpen, setMenuOpen] = useState(false);
  const closeMenu = useCallback(() => setMenuOpen(false), []);
  const { reveal } = useReveal.getState();
  const { open } = useUi.getState();
  const { selectKey } = useView.getState();
  const more = useRef<HTMLButtonElement>(null);
  const sub = [k.scopes.join(' · '), k.projectId ? `project ${k.projectId}` : ''].filter(Boolean).join(' — ');
  const noSecret = noSecretReason(k);
  const rotateBlocked = cannotRotate(k);
  const gone = k.status === 'revoked' || k.status === 'deleted_remote';

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
        {gone ? (
          // A key that no longer works has no expiry to watch; when it stopped is what matters.
          <TimeCell at={k.revokedAt} now={now} never="—" occurred />
        ) : (
          <TimeCell at={k.expiresAt} now={now} past="" />
        )}
      </td>
      <td className="row-actions">
        <div className="row-actions-inner">
          <button
            type="button"
            className="button button-small"
            aria-label={`Copy ${k.name}`}
            aria-disabled={noSecret ? true : undefined}
            title={noSecret ?? 'Copy the secret (c)'}
            onClick={() => (noSecret ? undefined : void copyKey(k))}
          >
            Copy
          </button>
          <button
            ref={more}
            type="button"
            className="button button-small button-icon"
            aria-label={`More actions for ${k.name}`}
            aria-haspopup="menu"
            aria-expanded={menuOpen}
            title="Reveal, rotate, revoke, delete"
            onClick={() => setMenuOpen((v) => !v)}
          >
            <span aria-hidden="true">⋯</span>
          </button>
          {menuOpen ? (
            <RowMenu
              label={`Actions for ${k.name}`}
              anchor={more}
              onClose={closeMenu}
              items={[
                { label: 'Reveal', disabledReason: noSecret, onSelect: () => void reveal(k.id) },
                { label: 'Rotate…', disabledReason: rotateBlocked, onSelect: () => openRotate(k) },
                { label: 'Revoke…', disabledReason: cannotRevoke(k), danger: true, onSelect: () => openRevoke(k) },
                { label: 'Details', onSelect: () => selectKey(k.id) },
                { label: 'Delete…', danger: true, onSelect: () => open({ kind: 'delete-key', keyId: k.id }) },
              ]}
            />
          ) : null}
          {isOpen ? <RevealPopover keyName={k.name} anchor={more} /> : null}
        </div>
      </td>
    </tr>
  );
});
