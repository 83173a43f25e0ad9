import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { LeakFinding, LeakOverview } from '../../../shared/contract/leaks';
import type { AppErrorShape } from '../../../shared/result';
import { client } from '../lib/client';
import { useUi } from '../store/ui-store';
import { useVault } from '../store/vault-store';
import { ErrorBanner } from './ErrorBanner';
import { TimeCell } from './TimeCell';

const SCHEDULES = [
  { v: 'off', label: 'Off' },
  { v: 'daily', label: 'Daily' },
  { v: 'weekly', label: 'Weekly' },
] as const;

const ENCODING_LABEL: Record<LeakFinding['encoding'], string> = { raw: '', base64: 'base64', base64url: 'base64 (URL-safe)', url: 'URL-encoded', hex: 'hex' };
const KIND_LABEL: Record<LeakFinding['sourceKind'], string> = { git: 'Git history', 'work-tree': 'Not committed yet', 'env-file': '.env file', 'shell-history': 'Shell history', file: 'File' };

const where = (f: LeakFinding) => (f.repo ? `${f.repo} · ${f.commit ? `${f.commit.slice(0, 7)} · ` : ''}${f.path}:${f.line}` : `${f.path}:${f.line}`);

/**
 * The leak finder: which folders and files are searched for Keydeck's own secrets, how often,
 * and where each one was found — with the fix (rotate) and the close (mark resolved) on each.
 */
export function LeaksScreen() {
  const settings = useVault((s) => s.settings);
  const updateSettings = useVault((s) => s.updateSettings);
  const keys = useVault((s) => s.keys);
  const [overview, setOverview] = useState<LeakOverview | null>(null);
  const [findings, setFindings] = useState<LeakFinding[] | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [failure, setFailure] = useState<AppErrorShape | null>(null);
  const [path, setPath] = useState('');

  const load = useCallback(async () => {
    const [o, f] = await Promise.all([client.invoke('leaks.overview', {}), client.invoke('leaks.list', {})]);
    if (o.ok) setOverview(o.value);
    else setFailure(o.error);
    if (f.ok) setFindings(f.value);
    else setFailure(f.error);
  }, []);

  useEffect(() => {
    void load();
    const offs = [
      client.on('leaks.changed', () => void load()),
      client.on('leaks.progress', (p) => setProgress(p.phase === 'finished' ? null : { done: p.done, total: p.total })),
    ];
    return () => offs.forEach((off) => off());
  }, [load]);

  const run = async <T,>(p: Promise<{ ok: true; value: T } | { ok: false; error: AppErrorShape }>): Promise<T | null> => {
    const r = await p;
    if (!r.ok) {
      setFailure(r.error);
      return null;
    }
    setFailure(null);
    return r.value;
  };

  const addPath = async (p: string) => {
    if (await run(client.invoke('leaks.addSource', { path: p }))) {
      setPath('');
      await load();
    }
  };
  const pick = async (purpose: 'leak-folder' | 'leak-file') => {
    const picked = await run(client.invoke('files.pickFile', { purpose }));
    if (picked) await addPath(picked.path);
  };
  const submitPath = (e: FormEvent) => {
    e.preventDefault();
    if (path.trim()) void addPath(path.trim());
  };
  const scanNow = async () => {
    setProgress({ done: 0, total: 0 });
    await run(client.invoke('leaks.scan', { trigger: 'manual' }));
    setProgress(null);
    await load();
  };
  const resolve = async (id: string) => {
    if (await run(client.invoke('leaks.resolve', { id }))) await load();
  };
  const rotate = (keyId: string) => useUi.getState().open({ kind: 'rotate-key', keyId });

  const last = overview?.lastScan ?? null;
  const problems = last?.sources.filter((s) => s.problem) ?? [];
  const open = findings ?? [];
  const scanning = progress !== null || overview?.running === true;
  const now = Date.now();

  return (
    <main className="main">
      <header className="main-header">
        <div className="main-title">
          <h1>Leaks</h1>
          <span className="main-subtitle">
            {findings === null ? 'Loading…' : open.length === 0 ? 'No open findings: none of your secrets was found outside the keychain.' : `${open.length} open ${open.length === 1 ? 'finding' : 'findings'} — rotate the key, then mark the finding resolved.`}
          </span>
        </div>
        <div className="leaks-scan">
          <button type="button" className="button button-primary" onClick={() => void scanNow()} disabled={scanning}>
            {scanning ? 'Scanning…' : 'Scan now'}
          </button>
          <span className="muted" role="status">
            {progress && progress.total > 0 ? `Scanned ${progress.done} of ${progress.total} sources` : last ? <>Last scan <TimeCell at={last.finishedAt} now={now} occurred /></> : 'Not scanned yet'}
          </span>
        </div>
      </header>
      <div className="attention-body leaks-body">
        {failure ? <ErrorBanner error={failure} /> : null}

        <section aria-labelledby="leaks-findings">
          <h2 id="leaks-findings" className="section-title">Findings</h2>
          {open.length === 0 ? (
            <p className="muted">{last ? 'Nothing found in the last scan.' : 'Add a folder below and scan.'}</p>
          ) : (
            <ul className="attention-list">
              {open.map((f) => {
                // Rotation goes through the key's workspace (its service account); a loose key is replaced by importing its new token.
                const rotatable = keys.some((k) => k.id === f.keyId && k.workspaceId);
                return (
                <li key={f.id} className="attention-item leak-item">
                  <div className="leak-what">
                    <p>
                      <strong>{f.keyName ?? 'Deleted key'}</strong>
                      <span className="muted"> · {KIND_LABEL[f.sourceKind]}</span>
                      {f.encoding !== 'raw' ? <span className="chip leak-chip">{ENCODING_LABEL[f.encoding]}</span> : null}
                      {f.exposed ? <span className="badge badge-expired leak-exposed" title="The commit is on a remote-tracking branch: the secret has left this machine">Pushed</span> : null}
                    </p>
                    <p className="leak-where" title={where(f)}>
                      {f.repo ? <span className="leak-repo">{f.repo}</span> : null}
                      <span className="leak-place">{f.repo ? `\u00a0· ${f.commit ? `${f.commit.slice(0, 7)} · ` : ''}` : ''}{f.path}:{f.line}</span>
                    </p>
                  </div>
                  <div className="leak-actions">
                    <button type="button" className="button button-small" onClick={() => rotate(f.keyId)} disabled={!rotatable} title={rotatable ? undefined : 'This key has no workspace: create the new token at the service and import it'} aria-label={`Rotate ${f.keyName ?? 'key'}`}>
                      Rotate…
                    </button>
                    <button type="button" className="button button-small button-secondary" onClick={() => void resolve(f.id)} aria-label={`Mark resolved: ${f.keyName ?? 'key'} at ${f.path}:${f.line}`}>
                      Mark resolved
                    </button>
                  </div>
                </li>
                );
              })}
            </ul>
          )}
        </section>

        {problems.length > 0 || (last?.keyProblems.length ?? 0) > 0 ? (
          <section aria-labelledby="leaks-problems">
            <h2 id="leaks-problems" className="section-title">Not scanned in the last run</h2>
            <ul className="leak-problems">
              {last?.keyProblems.map((k) => (
                <li key={k.keyId}>
                  <strong>{k.keyName}</strong>: {k.message}
                </li>
              ))}
              {problems.map((s) => (
                <li key={`${s.kind}:${s.path}`}>
                  <span className="path">{s.path}</span>: {s.problem!.message}
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        <section aria-labelledby="leaks-sources" className="leaks-sources">
          <h2 id="leaks-sources" className="section-title">What is scanned</h2>
          <p className="muted leak-rule">
            Every git repository under these folders (all branches, tags, remote-tracking branches, stashes and reflogs, and what is not committed yet), their .env files, files you add, and your shell history. {last ? `Skipped: ${last.skipRule}.` : null}
          </p>
          <ul className="attention-list">
            {(overview?.sources ?? []).map((s) => (
              <li key={s.path} className="attention-item">
                <p>
                  <span className="path">{s.path}</span> <span className="muted">· {s.kind}</span>
                </p>
                <button type="button" className="button button-small button-secondary" onClick={() => void run(client.invoke('leaks.removeSource', { path: s.path })).then(load)} aria-label={`Remove ${s.path}`}>
                  Remove
                </button>
              </li>
            ))}
          </ul>
          <div className="leaks-add">
            <button type="button" className="button button-secondary" onClick={() => void pick('leak-folder')}>Add folder…</button>
            <button type="button" className="button button-secondary" onClick={() => void pick('leak-file')}>Add file…</button>
            <form className="leaks-path" onSubmit={submitPath}>
              <label className="visually-hidden" htmlFor="leak-path">Folder or file path</label>
              <input id="leak-path" type="text" placeholder="or type a path: ~/code" value={path} onChange={(e) => setPath(e.target.value)} />
              <button type="submit" className="button button-secondary">Add</button>
            </form>
          </div>
          {settings ? (
            <fieldset className="field fieldset leaks-schedule">
              <legend className="field-label">Scan on a schedule</legend>
              <div className="segmented">
                {SCHEDULES.map((s) => (
                  <label key={s.v} className={`segment${settings.leakScanSchedule === s.v ? ' is-checked' : ''}`}>
                    <input type="radio" name="leak-schedule" className="segment-input" value={s.v} checked={settings.leakScanSchedule === s.v} onChange={() => void updateSettings({ leakScanSchedule: s.v })} />
                    <span>{s.label}</span>
                  </label>
                ))}
              </div>
              {overview?.nextScanAt ? <span className="muted">Next scan <TimeCell at={overview.nextScanAt} now={now} /></span> : null}
            </fieldset>
          ) : null}
        </section>
      </div>
    </main>
  );
}
