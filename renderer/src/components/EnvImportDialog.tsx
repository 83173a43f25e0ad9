import { useState, type FormEvent } from 'react';
import type { EnvImportPreview, EnvImportResult, EnvPlanLine } from '../../../shared/contract/env-import';
import type { AppErrorShape } from '../../../shared/result';
import { client } from '../lib/client';
import { useVault } from '../store/vault-store';
import { Dialog } from './Dialog';
import { ErrorBanner } from './ErrorBanner';
import '../styles/env-import.css';

interface Props {
  initialWorkspaceId: string | null;
  onClose(): void;
}

const WILL: Record<EnvPlanLine['action'], (l: EnvPlanLine) => string> = {
  attach: (l) => `Attach to “${l.keyName}”${l.workspaceName ? ` in ${l.workspaceName}` : ''}`,
  create: (l) => `Create “${l.keyName}”${l.workspaceName ? ` in ${l.workspaceName}` : ' (no workspace)'}`,
  known: (l) => `Already stored as “${l.keyName}”: record the use`,
  skip: () => 'Leave alone',
};
const CHECK: Record<EnvPlanLine['verified'], { mark: string; text: string; label: string }> = {
  valid: { mark: '✓', text: 'Verified', label: 'Verified with the service' },
  rejected: { mark: '✗', text: 'Rejected', label: 'Rejected by the service' },
  unverified: { mark: '–', text: 'Not checked', label: 'Not checked: no workspace of this service' },
  failed: { mark: '?', text: 'Not checked', label: 'Could not be checked' },
};

/**
 * Import a `.env`: the main process shows the file dialog, the core previews every assignment
 * (nothing stored yet), the user unticks what to leave and may ask for references in place of
 * the values, then the core applies. Values never reach this window: only masked forms.
 */
export function EnvImportDialog({ initialWorkspaceId, onClose }: Props) {
  const workspaces = useVault((s) => s.workspaces);
  const [path, setPath] = useState<string | null>(null);
  const [workspaceId, setWorkspaceId] = useState(initialWorkspaceId ?? '');
  const [preview, setPreview] = useState<EnvImportPreview | null>(null);
  const [skipped, setSkipped] = useState<ReadonlySet<number>>(new Set());
  const [rewrite, setRewrite] = useState(false);
  const [result, setResult] = useState<EnvImportResult | null>(null);
  const [failure, setFailure] = useState<AppErrorShape | null>(null);
  const [busy, setBusy] = useState<null | 'pick' | 'preview' | 'apply'>(null);

  /** `keep`: the failure that made us read the file again stays on screen. */
  async function load(file: string, ws: string, keep = false) {
    setBusy('preview');
    if (!keep) setFailure(null);
    const r = await client.invoke('envImport.preview', { path: file, ...(ws ? { workspaceId: ws } : {}) });
    setBusy(null);
    setSkipped(new Set());
    if (r.ok) setPreview(r.value);
    else {
      setPreview(null);
      setFailure(r.error);
    }
  }


  async function choose() {
    setBusy('pick');
    const r = await client.invoke('files.pickFile', { purpose: 'env-import' });
    setBusy(null);
    if (!r.ok) return setFailure(r.error);
    if (!r.value) return;
    setPath(r.value.path);
    await load(r.value.path, workspaceId);
  }

  async function apply(e: FormEvent) {
    e.preventDefault();
    if (!preview || !path) return;
    setBusy('apply');
    setFailure(null);
    const r = await client.invoke('envImport.apply', { path, planToken: preview.planToken, skip: [...skipped], rewrite: rewrite && canRewrite });
    setBusy(null);
    if (r.ok) setResult(r.value);
    else {
      setFailure(r.error);
      // A spent or stale preview cannot be applied again: read the file afresh.
      if (r.error.code === 'conflict') await load(path, workspaceId, true);
    }
  }

  const toggle = (line: number) => setSkipped((s) => {
    const next = new Set(s);
    if (next.has(line)) next.delete(line);
    else next.add(line);
    return next;
  });

  const chosen = preview?.lines.filter((l) => l.action !== 'skip' && !skipped.has(l.line)) ?? [];
  const canRewrite = chosen.some((l) => l.reference);
  const hasNew = preview?.lines.some((l) => l.action === 'create') ?? false;

  if (result) return <EnvImportResultView result={result} onClose={onClose} />;

  return (
    <Dialog title="Import .env file" size="large" description="Keydeck reads the file, recognises tokens of your services and shows what it will do. Nothing is stored until you import." onClose={onClose}>
      <form className="form" noValidate onSubmit={apply}>
        {failure ? <ErrorBanner error={failure} /> : null}
        <div className="env-file-row">
          <button type="button" className="button" onClick={() => void choose()} disabled={busy !== null} data-autofocus>
            {busy === 'pick' ? 'Choosing…' : path ? 'Choose another file…' : 'Choose .env file…'}
          </button>
          {path ? <code className="path env-path" title={path}>{path}</code> : <span className="muted">No file chosen yet.</span>}
        </div>
        {preview && (hasNew || workspaceId) && workspaces.length > 0 ? (
          <label className="env-workspace">
            <span>New keys go to</span>
            <select value={workspaceId} onChange={(e) => { setWorkspaceId(e.target.value); if (path) void load(path, e.target.value); }}>
              <option value="">The only workspace of their service</option>
              {workspaces.map((w) => (
                <option key={w.id} value={w.id}>{w.name} ({w.environment})</option>
              ))}
            </select>
          </label>
        ) : null}
        {busy === 'preview' ? <p className="muted" role="status">Reading the file and checking tokens with their services…</p> : null}
        {preview && busy !== 'preview' ? <PlanTable lines={preview.lines} skipped={skipped} onToggle={toggle} /> : null}
        {preview ? (
          <label className="checkbox-row">
            <input type="checkbox" checked={rewrite && canRewrite} disabled={!canRewrite} onChange={(e) => setRewrite(e.target.checked)} />
            <span>
              Replace values with references
              <span className="field-hint"> The file will hold <code>keydeck://workspace/key</code> instead of secrets; comments, order and other lines stay as they are.</span>
            </span>
          </label>
        ) : null}
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="button button-primary" disabled={busy !== null || chosen.length === 0}>
            {busy === 'apply' ? 'Importing…' : chosen.length ? `Import ${chosen.length} ${chosen.length === 1 ? 'token' : 'tokens'}` : 'Import'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function PlanTable({ lines, skipped, onToggle }: { lines: EnvPlanLine[]; skipped: ReadonlySet<number>; onToggle(line: number): void }) {
  if (lines.length === 0) return <p className="muted">This file has no assignments.</p>;
  return (
    <div className="env-plan-scroll">
      <table className="env-plan">
        <thead>
          <tr>
            <th scope="col"><span className="visually-hidden">Import</span></th>
            <th scope="col">Line</th>
            <th scope="col">Variable</th>
            <th scope="col">Token</th>
            <th scope="col">What happens</th>
            <th scope="col">Check</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => {
            const acting = l.action !== 'skip';
            const check = CHECK[l.verified];
            return (
              <tr key={l.line} className={acting && !skipped.has(l.line) ? '' : 'env-plan-idle'}>
                <td>{acting ? <input type="checkbox" aria-label={`Import ${l.variable}`} checked={!skipped.has(l.line)} onChange={() => onToggle(l.line)} /> : null}</td>
                <td className="num">{l.line}</td>
                <td><code>{l.variable}</code></td>
                <td>{l.masked ? <code className="masked">{l.masked}</code> : null}</td>
                <td>
                  {acting && skipped.has(l.line) ? 'Leave alone (unticked)' : WILL[l.action](l)}
                  {l.action === 'skip' && l.masked ? <span className="env-reason">{l.reason}</span> : null}
                </td>
                <td>{acting || l.verified === 'rejected' ? <span className={`env-check env-check-${l.verified}`} title={check.label}><span aria-hidden="true">{check.mark}</span> {check.text}</span> : null}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

const OUTCOME: Record<EnvImportResult['lines'][number]['outcome'], string> = { attached: 'Attached', created: 'Created', recorded: 'Recorded', skipped: 'Left alone', failed: 'Failed' };

function EnvImportResultView({ result, onClose }: { result: EnvImportResult; onClose(): void }) {
  const done = result.lines.filter((l) => l.outcome !== 'skipped');
  const failed = done.some((l) => l.outcome === 'failed') || result.rewrite.state === 'refused';
  return (
    <Dialog title={failed ? 'Imported with problems' : 'Imported'} size="large" onClose={onClose}>
      <div className="form">
        <ul className="env-result" aria-label="What was done">
          {done.map((l) => (
            <li key={l.line} className={`env-result-${l.outcome}`}>
              <span className="env-outcome">{OUTCOME[l.outcome]}</span> <code>{l.variable}</code> <span>{l.message}</span>
            </li>
          ))}
        </ul>
        <p className={result.rewrite.state === 'refused' ? 'env-rewrite-refused' : 'muted'} role="status">{result.rewrite.message}</p>
        <div className="form-actions">
          <button type="button" className="button button-primary" onClick={onClose} data-autofocus>Done</button>
        </div>
      </div>
    </Dialog>
  );
}
