import type { ExpiryEntry } from '../../../shared/domain';
import { client } from '../lib/client';
import { tierDays } from '../lib/status';
import { useVault } from '../store/vault-store';
import { useView } from '../store/view-store';
import { EnvLabel } from './EnvLabel';
import { TimeCell } from './TimeCell';

/**
 * What needs you, from the core's one answer (`attention.list`, the same as `keydeck attention`):
 * rotations waiting for a decision, then keys in a warning tier. Snoozed warnings stay listed,
 * marked, with an undo, so a snooze never makes a key silently disappear.
 */
export function AttentionScreen() {
  const needs = useVault((s) => s.needs);
  const expiry = useVault((s) => s.expiry);
  const showError = useVault((s) => s.showError);
  const snoozed = (expiry?.entries ?? []).filter((e) => e.severity > 0 && e.snoozed);
  const count = needs?.count ?? 0;
  const now = Date.now();

  const show = (keyId: string) => {
    const view = useView.getState();
    view.selectWorkspace(null);
    view.clearFilters();
    view.selectKey(keyId);
  };
  const setSnooze = async (keyId: string, on: boolean) => {
    const r = await client.invoke(on ? 'expiry.snooze' : 'expiry.unsnooze', { id: keyId });
    if (!r.ok) showError(r.error);
    else useVault.setState({ expiry: r.value });
    await useVault.getState().refreshAttention();
  };
  const what = (e: ExpiryEntry) => {
    if (e.tier === 'expired') return 'Expired';
    const days = tierDays(e.tier);
    return days ? `Expires within ${days} ${days === 1 ? 'day' : 'days'}` : e.tier;
  };

  return (
    <main className="main">
      <header className="main-header">
        <div className="main-title">
          <h1>Needs attention</h1>
          <span className="main-subtitle">
            {count === 0 ? 'Nothing needs you right now.' : `${count} ${count === 1 ? 'key needs' : 'keys need'} a decision or a rotation — the same list as keydeck attention.`}
          </span>
        </div>
      </header>
      <div className="attention-body">
        {needs && needs.rotations.length > 0 ? (
          <section aria-labelledby="att-rotations">
            <h2 id="att-rotations" className="section-title">Rotations waiting on you</h2>
            <ul className="attention-list">
              {needs.rotations.map((a) => (
                <li key={a.id} className="attention-item">
                  <p>{a.message}</p>
                  {a.keyId ? (
                    <button type="button" className="button button-small" onClick={() => show(a.keyId!)}>
                      Show key
                    </button>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {needs && needs.warnings.length > 0 ? (
          <section aria-labelledby="att-expiry">
            <h2 id="att-expiry" className="section-title">Expiring and expired</h2>
            <ul className="attention-list">
              {needs.warnings.map((e) => (
                <li key={e.keyId} className="attention-item">
                  <p>
                    <strong>{e.keyName}</strong>
                    {e.workspaceName ? <span className="muted"> · {e.workspaceName}</span> : null} {e.environment ? <EnvLabel environment={e.environment} /> : null}
                    <br />
                    <span>{what(e)}</span>
                    {e.deadline ? <> · <TimeCell at={e.deadline} now={now} /></> : null}
                  </p>
                  <button type="button" className="button button-small" onClick={() => show(e.keyId)}>
                    Show key
                  </button>
                  <button type="button" className="button button-small button-quiet" onClick={() => void setSnooze(e.keyId, true)}>
                    Snooze until next tier
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {snoozed.length > 0 ? (
          <section aria-labelledby="att-snoozed">
            <h2 id="att-snoozed" className="section-title">Snoozed</h2>
            <ul className="attention-list">
              {snoozed.map((e) => (
                <li key={e.keyId} className="attention-item is-snoozed">
                  <p>
                    <strong>{e.keyName}</strong> <span className="muted">· {what(e)} · snoozed until its next tier</span>
                  </p>
                  <button type="button" className="button button-small" onClick={() => void setSnooze(e.keyId, false)}>
                    Unsnooze
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    </main>
  );
}
