import { useEffect, useState, type FormEvent } from 'react';
import type { HealthCategory, HealthEntry, HealthOverview, HealthWorkspace } from '../../../shared/contract/health';
import { HEALTH_CATEGORIES } from '../../../shared/contract/health';
import { client } from '../lib/client';
import { useUi } from '../store/ui-store';
import { useVault } from '../store/vault-store';
import { useView } from '../store/view-store';
import { EnvLabel } from './EnvLabel';
import { ErrorBanner } from './ErrorBanner';
import type { AppErrorShape } from '../../../shared/result';
import '../styles/health.css';

export const CATEGORY_LABEL: Record<HealthCategory, string> = {
  expired: 'Expired',
  leaked: 'Leaked',
  'over-policy': 'Over policy',
  expiring: 'Expiring',
  stale: 'Stale',
  unused: 'Unused',
  'never-expiring': 'Never expires',
};

const FIX_LABEL = { rotate: 'Rotate…', revoke: 'Revoke…', 'set-policy': 'Set policy…', open: 'Show key' } as const;

/**
 * Key health, from the core's one answer (`health.overview`, the same as `keydeck health`): per
 * workspace, every key that needs something, each with the one button that fixes it.
 */
export function HealthScreen() {
  const keys = useVault((s) => s.keys);
  const workspaces = useVault((s) => s.workspaces);
  const settings = useVault((s) => s.settings);
  const [health, setHealth] = useState<HealthOverview | null>(null);
  const [failure, setFailure] = useState<AppErrorShape | null>(null);

  // A scan or a resolve changes the leaked keys without touching the vault.
  const [leakChanges, setLeakChanges] = useState(0);
  useEffect(() => client.on('leaks.changed', () => setLeakChanges((n) => n + 1)), []);

  // The vault store refetches on every change (this window, the CLI): the overview follows it.
  useEffect(() => {
    let current = true;
    void client.invoke('health.overview', {}).then((r) => {
      if (!current) return;
      if (r.ok) setHealth(r.value);
      else setFailure(r.error);
    });
    return () => {
      current = false;
    };
  }, [keys, workspaces, settings, leakChanges]);

  const needing = health?.workspaces.filter((w) => w.entries.length > 0) ?? [];
  const healthy = health?.workspaces.filter((w) => w.entries.length === 0 && w.workspaceId) ?? [];
  const n = health?.keysNeedingAction ?? 0;

  return (
    <main className="main">
      <header className="main-header">
        <div className="main-title">
          <h1>Key health</h1>
          <span className="main-subtitle">
            {!health ? 'Checking…' : n === 0 ? 'Every key is within its policy, in use and not leaked.' : `${n} ${n === 1 ? 'key needs' : 'keys need'} action — the same list as keydeck health.`}
          </span>
        </div>
        {settings ? <UnusedSetting days={settings.unusedDays} /> : null}
      </header>
      {failure ? <ErrorBanner error={failure} onDismiss={() => setFailure(null)} /> : null}
      <div className="attention-body health-body">
        {health && n > 0 ? (
          <ul className="health-totals" aria-label="Totals">
            {HEALTH_CATEGORIES.filter((c) => health.counts[c] > 0).map((c) => (
              <li key={c} className={`health-chip health-${c}`}>
                <span className="health-chip-count">{health.counts[c]}</span> {CATEGORY_LABEL[c].toLowerCase()}
              </li>
            ))}
          </ul>
        ) : null}
        {needing.map((w) => (
          <WorkspaceHealth key={w.workspaceId ?? 'none'} group={w} />
        ))}
        {healthy.length > 0 ? (
          <section aria-labelledby="health-fine">
            <h2 id="health-fine" className="section-title">Healthy workspaces</h2>
            <ul className="health-fine">
              {healthy.map((w) => (
                <li key={w.workspaceId}>
                  <span className="health-ws-name">{w.workspaceName}</span> {w.environment ? <EnvLabel environment={w.environment} /> : null}
                  <span className="muted"> · policy: {w.policyText}</span>
                  {w.workspaceId ? <PolicyButton workspaceId={w.workspaceId} /> : null}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    </main>
  );
}

function PolicyButton({ workspaceId }: { workspaceId: string }) {
  const open = useUi((s) => s.open);
  return (
    <button type="button" className="button button-small button-quiet" onClick={() => open({ kind: 'edit-workspace', workspaceId })}>
      Edit policy…
    </button>
  );
}

function WorkspaceHealth({ group: w }: { group: HealthWorkspace }) {
  const id = `health-${w.workspaceId ?? 'none'}`;
  return (
    <section aria-labelledby={id} className="health-workspace">
      <div className="health-ws-head">
        <h2 id={id} className="health-ws-title">
          {w.workspaceName ?? 'Keys outside any workspace'} {w.environment ? <EnvLabel environment={w.environment} /> : null}
        </h2>
        {w.workspaceId ? (
          <span className="muted health-policy">
            Policy: {w.policyText} <PolicyButton workspaceId={w.workspaceId} />
          </span>
        ) : null}
      </div>
      <ul className="attention-list">
        {w.entries.map((e) => (
          <EntryRow key={`${e.keyId}:${e.category}`} entry={e} workspaceId={w.workspaceId} />
        ))}
      </ul>
    </section>
  );
}

function EntryRow({ entry: e, workspaceId }: { entry: HealthEntry; workspaceId: string | null }) {
  const open = useUi((s) => s.open);
  const fix = () => {
    if (e.fix === 'rotate') open({ kind: 'rotate-key', keyId: e.keyId });
    else if (e.fix === 'revoke') open({ kind: 'revoke-key', keyId: e.keyId });
    else if (e.fix === 'set-policy' && workspaceId) open({ kind: 'edit-workspace', workspaceId });
    else {
      const view = useView.getState();
      view.selectWorkspace(null);
      view.clearFilters();
      view.selectKey(e.keyId);
    }
  };
  return (
    <li className="attention-item health-item">
      <span className={`health-badge health-${e.category}`}>{CATEGORY_LABEL[e.category]}</span>
      <p>
        <strong className="health-key-name">{e.keyName}</strong>
        <br />
        <span>{e.reason}</span>
      </p>
      <button type="button" className={`button button-small${e.fix === 'revoke' ? ' button-danger-quiet' : ''}`} onClick={fix} aria-label={`${FIX_LABEL[e.fix].replace('…', '')} ${e.keyName}`}>
        {FIX_LABEL[e.fix]}
      </button>
    </li>
  );
}

/** The "unused after N days" setting lives next to the list it changes. */
function UnusedSetting({ days }: { days: number }) {
  const [value, setValue] = useState(String(days));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setValue(String(days)), [days]);
  async function submit(ev: FormEvent) {
    ev.preventDefault();
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > 3650) return setError('Enter whole days, 1–3650.');
    const r = await useVault.getState().updateSettings({ unusedDays: n });
    setError(r.ok ? null : r.error.message);
  }
  return (
    <form className="health-unused-setting" onSubmit={submit} noValidate>
      <label>
        Unused after{' '}
        <input type="number" min={1} max={3650} value={value} aria-invalid={Boolean(error)} onChange={(e) => setValue(e.target.value)} /> days
      </label>
      <button type="submit" className="button button-small" disabled={value === String(days)}>
        Save
      </button>
      {error ? <p className="field-error" role="alert">{error}</p> : null}
    </form>
  );
}
