import { useEffect, useMemo, useState } from 'react';
import { asService } from '../../../shared/domain';
import { inertText } from '../lib/inert-text';
import type { AuditEvent, KeySummary, Workspace } from '../../../shared/domain';
import { cannotRevoke, cannotRotate, copyKey, noSecretReason, openRevoke, openRotate } from '../lib/actions';
import { client } from '../lib/client';
import type { Badge } from '../lib/status';
import { useUi } from '../store/ui-store';
import { useVault } from '../store/vault-store';
import { useView } from '../store/view-store';
import { EnvLabel } from './EnvLabel';
import { ReferenceRow } from './ReferenceRow';
import { StatusBadge } from './StatusBadge';
import { TimeCell } from './TimeCell';
import { UsagesSection } from './UsagesSection';

interface Props {
  apiKey: KeySummary;
  badge: Badge;
  workspace: Workspace | null;
  serviceLabel: string;
}

/** Everything about one key: what it can do, its dates, where it is used and what happened to it. */
export function DetailPane({ apiKey: k, badge, workspace, serviceLabel }: Props) {
  const selectKey = useView((s) => s.selectKey);
  const open = useUi((s) => s.open);
  const info = useVault((s) => s.providers.find((p) => p.id === k.provider));
  const provider = useMemo(() => (info ? asService(info, workspace) : undefined), [info, workspace]);
  const entry = useVault((s) => s.expiry?.entries.find((e) => e.keyId === k.id));
  const [audit, setAudit] = useState<AuditEvent[] | null>(null);
  const [lineage, setLineage] = useState<KeySummary[]>([]);
  const auditVersion = useVault((s) => s.auditVersion);
  const now = Date.now();
  const rotateBlocked = cannotRotate(k);
  const revokeBlocked = cannotRevoke(k);
  const noSecret = noSecretReason(k);

  // Refetch whenever the key changes or anything is audited (a copy, a rotation, the CLI).
  useEffect(() => {
    let live = true;
    void client.invoke('audit.list', { keyId: k.id, limit: 50 }).then((r) => live && setAudit(r.ok ? r.value : []));
    void client.invoke('keys.history', { id: k.id }).then((r) => live && setLineage(r.ok ? r.value.filter((g) => g.id !== k.id) : []));
    return () => {
      live = false;
    };
  }, [k, auditVersion]);

  const scopeLabel = provider?.scopes.kind === 'permissions' ? 'Permissions' : 'Scopes';
  const snooze = async (on: boolean) => {
    const r = await client.invoke(on ? 'expiry.snooze' : 'expiry.unsnooze', { id: k.id });
    if (r.ok) useVault.setState({ expiry: r.value });
    else useVault.getState().showError(r.error);
    await useVault.getState().refreshAttention();
  };

  return (
    <aside className="detail" aria-labelledby="detail-title">
      <header className="detail-header">
        <div className="detail-title-row">
          <h2 id="detail-title">{inertText(k.name)}</h2>
          <button type="button" className="icon-button" aria-label="Close details" aria-keyshortcuts="Escape" onClick={() => selectKey(null)}>
            ×
          </button>
        </div>
        <div className="detail-sub">
          <StatusBadge badge={badge} now={now} />
          <code className="masked">{k.masked}</code>
        </div>
      </header>
      <div className="detail-actions">
        <button type="button" className="button button-small button-primary" aria-disabled={noSecret ? true : undefined} title={noSecret ?? 'Copy the secret (c)'} aria-keyshortcuts="c" onClick={() => void copyKey(k)}>
          Copy secret
        </button>
        <button type="button" className="button button-small" aria-disabled={rotateBlocked ? true : undefined} title={rotateBlocked ?? undefined} aria-keyshortcuts="r" onClick={() => openRotate(k)}>
          Rotate…
        </button>
        <button type="button" className="button button-small button-danger-quiet" aria-disabled={revokeBlocked ? true : undefined} title={revokeBlocked ?? undefined} onClick={() => openRevoke(k)}>
          Revoke…
        </button>
        <button type="button" className="button button-small button-danger-quiet" aria-label={`Delete ${k.name} from Keydeck`} title="Remove from Keydeck and the keychain (does not revoke it)" onClick={() => open({ kind: 'delete-key', keyId: k.id })}>
          Delete
        </button>
        {entry && entry.severity > 0 && !entry.snoozed ? (
          <button type="button" className="button button-small button-quiet" onClick={() => void snooze(true)}>
            Snooze warning
          </button>
        ) : null}
        {entry && entry.severity > 0 && entry.snoozed ? (
          <button type="button" className="button button-small button-quiet" title="The warning is snoozed until the key reaches its next tier" onClick={() => void snooze(false)}>
            Unsnooze warning
          </button>
        ) : null}
      </div>
      <div className="detail-body" tabIndex={0} role="region" aria-label={`Details of ${k.name}`}>
        <dl className="facts">
          <dt>Service</dt>
          <dd>{serviceLabel}</dd>
          <dt>Workspace</dt>
          <dd>
            {workspace ? (
              <>
                {workspace.name} <EnvLabel environment={workspace.environment} />
              </>
            ) : (
              <span className="muted">None: import it into a workspace to rotate it from here</span>
            )}
          </dd>
          {provider?.scopes.kind !== 'none' ? (
            <>
              <dt>{scopeLabel}</dt>
              <dd>{k.scopes.length ? <span className="chips">{k.scopes.map((s) => <span key={s} className="chip">{s}</span>)}</span> : <span className="muted">None recorded</span>}</dd>
            </>
          ) : null}
          {provider?.scopes.kind === 'project' ? (
            <>
              <dt>Project</dt>
              <dd>{k.projectId ?? <span className="muted">Whole organisation</span>}</dd>
            </>
          ) : null}
          <dt>Created</dt>
          <dd><TimeCell at={k.createdAt} now={now} occurred /></dd>
          {k.validFrom ? (
            <>
              <dt>Valid from</dt>
              <dd><TimeCell at={k.validFrom} now={now} /></dd>
            </>
          ) : null}
          <dt>Expires</dt>
          <dd><TimeCell at={k.expiresAt} now={now} past="Expired" never={provider?.expiry.kind === 'none' ? 'Never (this service’s keys do not expire)' : 'Never'} /></dd>
          {k.graceUntil ? (
            <>
              <dt>Grace until</dt>
              <dd><TimeCell at={k.graceUntil} now={now} /></dd>
            </>
          ) : null}
          {k.revokedAt ? (
            <>
              <dt>Revoked</dt>
              <dd><TimeCell at={k.revokedAt} now={now} occurred /></dd>
            </>
          ) : null}
          <dt>Last used</dt>
          <dd><TimeCell at={k.lastUsedAt} now={now} occurred never="Not reported" /></dd>
          <dt>Secret</dt>
          <dd>{k.hasSecret ? 'In your OS keychain' : 'Not held by Keydeck (listed from the service)'}</dd>
        </dl>
        <ReferenceRow apiKey={k} />

        <UsagesSection apiKey={k} envVar={provider?.envVar} />

        {lineage.length > 0 ? (
          <section className="detail-section" aria-labelledby="generations-title">
            <h3 id="generations-title">Earlier generations</h3>
            <ol className="generations">
              {lineage.map((g) => (
                <li key={g.id}>
                  <code className="masked">{g.masked}</code>
                  <span className="muted">
                    {g.status === 'grace' && g.graceUntil ? (
                      <>works until <TimeCell at={g.graceUntil} now={now} /></>
                    ) : g.revokedAt ? (
                      <>revoked <TimeCell at={g.revokedAt} now={now} occurred /></>
                    ) : (
                      <>replaced; created <TimeCell at={g.createdAt} now={now} occurred /></>
                    )}
                  </span>
                  {g.status === 'grace' && !cannotRevoke(g) ? (
                    <button type="button" className="button button-small button-danger-quiet" aria-label={`Revoke the earlier generation ${g.masked}`} title="End its grace now" onClick={() => openRevoke(g)}>
                      Revoke…
                    </button>
                  ) : null}
                </li>
              ))}
            </ol>
          </section>
        ) : null}

        <section className="detail-section" aria-labelledby="history-title">
          <h3 id="history-title">History</h3>
          {audit === null ? (
            <p className="muted">Loading…</p>
          ) : audit.length === 0 ? (
            <p className="muted">Nothing recorded yet.</p>
          ) : (
            <ol className="history">
              {audit.map((e) => (
                <li key={e.id}>
                  <span className={`history-kind kind-${e.kind}`}>{e.kind}</span>
                  <span className="history-summary">{inertText(e.summary)}</span>
                  <span className="history-at muted">
                    <TimeCell at={e.at} now={now} occurred />
                  </span>
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
    </aside>
  );
}
