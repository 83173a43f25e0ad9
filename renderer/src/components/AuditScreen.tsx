import { useEffect, useMemo, useState } from 'react';
import { inertText } from '../lib/inert-text';
import { AUDIT_KINDS, type AuditEvent, type AuditKind } from '../../../shared/domain';
import type { AppErrorShape } from '../../../shared/result';
import { client } from '../lib/client';
import { exactTime, relativeTime } from '../lib/time';
import { FilterField } from './FilterField';
import { useVault } from '../store/vault-store';
import { useView } from '../store/view-store';
import { EmptyState } from './EmptyState';
import { ErrorBanner } from './ErrorBanner';

/** Everything Keydeck did with your keys, newest first: never a secret, only names and what happened. */
export function AuditScreen() {
  const workspaces = useVault((s) => s.workspaces);
  const [workspaceId, setWorkspaceId] = useState('');
  const [kind, setKind] = useState<AuditKind | ''>('');
  const [text, setText] = useState('');
  const [events, setEvents] = useState<AuditEvent[] | null>(null);
  const [failure, setFailure] = useState<AppErrorShape | null>(null);
  const auditVersion = useVault((s) => s.auditVersion);

  useEffect(() => {
    let live = true;
    void client.invoke('audit.list', { limit: 1000, ...(workspaceId ? { workspaceId } : {}) }).then((r) => {
      if (!live) return;
      if (r.ok) setEvents(r.value);
      else setFailure(r.error);
    });
    return () => {
      live = false;
    };
    // auditVersion: anything audited anywhere (this window, the CLI) means new entries.
  }, [workspaceId, auditVersion]);

  const shown = useMemo(() => {
    const q = text.trim().toLowerCase();
    return (events ?? []).filter((e) => (!kind || e.kind === kind) && (!q || e.summary.toLowerCase().includes(q)));
  }, [events, kind, text]);
  const now = Date.now();
  const wsName = new Map(workspaces.map((w) => [w.id, w.name]));

  return (
    <main className="main">
      <header className="main-header">
        <div className="main-title">
          <h1>Audit log</h1>
          <span className="main-subtitle">What Keydeck did with your keys. Secrets are never written here.</span>
        </div>
      </header>
      <div className="filter-bar" role="group" aria-label="Audit filters">
        <FilterField label="Workspace">
        {(fid) => (
          <select id={fid} value={workspaceId} onChange={(e) => setWorkspaceId(e.target.value)}>
            <option value="">All workspaces</option>
            {workspaces.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name} ({w.environment})
              </option>
            ))}
          </select>
        )}
      </FilterField>
        <FilterField label="Event">
        {(fid) => (
          <select id={fid} value={kind} onChange={(e) => setKind(e.target.value as AuditKind | '')}>
            <option value="">All events</option>
            {AUDIT_KINDS.map((k) => (
              <option key={k} value={k}>
                {k.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
        )}
      </FilterField>
        <FilterField label="Contains">
        {(fid) => (
          <input id={fid} type="search" value={text} placeholder="key or workspace name" onChange={(e) => setText(e.target.value)} />
        )}
      </FilterField>
      </div>
      {failure ? <ErrorBanner error={failure} /> : null}
      <div className="main-body">
        <div className="main-list">
          {events === null ? (
            <p className="loading" role="status">Reading the log…</p>
          ) : shown.length === 0 ? (
            <EmptyState
              title={events.length === 0 ? 'Nothing recorded yet' : 'No events match these filters'}
              action={
                events.length === 0 ? (
                  <button type="button" className="button button-primary" onClick={() => useView.getState().setScreen('keys')}>
                    Go to your keys
                  </button>
                ) : undefined
              }
            >
              <p>Every import, reveal, copy, rotation and revocation is recorded here with who and when, so you can tell what happened to a key.</p>
            </EmptyState>
          ) : (
            <div className="table-wrap" tabIndex={0} role="region" aria-label="Audit events">
              <table className="audit-table">
                <caption className="visually-hidden">Audit events</caption>
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Event</th>
                    <th scope="col">What happened</th>
                    <th scope="col">Workspace</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((e) => (
                    <tr key={e.id}>
                      <td>
                        <time dateTime={e.at} title={exactTime(e.at)}>
                          {relativeTime(e.at, now)}
                        </time>
                      </td>
                      <td>
                        <span className={`history-kind kind-${e.kind}`}>{e.kind.replace(/_/g, ' ')}</span>
                      </td>
                      <td className="audit-summary">{inertText(e.summary)}</td>
                      <td>{e.workspaceId ? wsName.get(e.workspaceId) ?? <span className="muted">removed</span> : <span className="muted">—</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      </div>
      <footer className="status-bar">
        <span aria-live="polite">{events ? `${shown.length} of ${events.length} events` : ''}</span>
      </footer>
    </main>
  );
}
