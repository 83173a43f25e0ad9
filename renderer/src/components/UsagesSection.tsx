import { useEffect, useState, type FormEvent } from 'react';
import type { Usage } from '../../../shared/contract/rotation';
import type { KeySummary } from '../../../shared/domain';
import type { AppErrorShape } from '../../../shared/result';
import { client } from '../lib/client';
import '../styles/env-import.css';

interface Props {
  apiKey: KeySummary;
  /** The service's env var convention (`KERNEL_API_KEY`), the default variable for a new usage. */
  envVar: string | undefined;
}

/**
 * "Used in": the `.env` files a rotation rewrites. Add one through the main process's file
 * dialog (the window never sees the file system), name the variable, or remove one.
 */
export function UsagesSection({ apiKey: k, envVar }: Props) {
  const [usages, setUsages] = useState<Usage[] | null>(null);
  const [adding, setAdding] = useState<{ path: string; variable: string } | null>(null);
  const [problem, setProblem] = useState<AppErrorShape | null>(null);
  const [busy, setBusy] = useState(false);

  const reload = () => client.invoke('usages.list', { keyId: k.id }).then((r) => setUsages(r.ok ? r.value : []));
  useEffect(() => {
    let live = true;
    void client.invoke('usages.list', { keyId: k.id }).then((r) => live && setUsages(r.ok ? r.value : []));
    return () => {
      live = false;
    };
  }, [k]);

  async function pick() {
    setProblem(null);
    const r = await client.invoke('files.pickFile', { purpose: 'usage' });
    if (!r.ok) return setProblem(r.error);
    if (r.value) setAdding({ path: r.value.path, variable: envVar ?? '' });
  }

  async function add(e: FormEvent) {
    e.preventDefault();
    if (!adding) return;
    setBusy(true);
    const r = await client.invoke('usages.add', { keyId: k.id, envVar: adding.variable, filePath: adding.path });
    setBusy(false);
    if (!r.ok) return setProblem(r.error);
    setAdding(null);
    setProblem(null);
    await reload();
  }

  async function remove(u: Usage) {
    const r = await client.invoke('usages.remove', { id: u.id });
    if (!r.ok) return setProblem(r.error);
    await reload();
  }

  return (
    <section className="detail-section" aria-labelledby="usages-title">
      <h3 id="usages-title">Used in</h3>
      {usages === null ? (
        <p className="muted">Loading…</p>
      ) : usages.length === 0 ? (
        <p className="muted">No .env files recorded. Rotation rewrites the files listed here, so add the ones that hold this key{envVar ? ` (usually ${envVar})` : ''}.</p>
      ) : (
        <ul className="usage-list">
          {usages.map((u) => (
            <li key={u.id} className="usage-row">
              <code>{u.envVar}</code> in <code className="path">{u.filePath}</code>
              {u.lastOutcome ? <span className="muted"> · {u.lastOutcome}</span> : null}
              <button type="button" className="link-button" aria-label={`Remove ${u.envVar} in ${u.filePath}`} onClick={() => void remove(u)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      {problem ? <p className="field-error" role="alert">{problem.fields?.envVar ? `Variable ${problem.fields.envVar}.` : problem.message}</p> : null}
      {adding ? (
        <form className="usage-add" onSubmit={add} aria-label="Add a file where this key is used">
          <code className="path">{adding.path}</code>
          <div className="usage-add-row">
            <input type="text" aria-label="Variable" value={adding.variable} placeholder="KERNEL_API_KEY" spellCheck={false} autoFocus onChange={(e) => setAdding({ ...adding, variable: e.target.value })} />
            <button type="submit" className="button button-small" disabled={busy}>{busy ? 'Adding…' : 'Add'}</button>
            <button type="button" className="button button-small" onClick={() => (setAdding(null), setProblem(null))}>Cancel</button>
          </div>
        </form>
      ) : (
        <button type="button" className="button button-small usage-add-button" onClick={() => void pick()}>Add file…</button>
      )}
    </section>
  );
}
