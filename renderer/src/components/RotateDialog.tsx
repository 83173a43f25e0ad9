import { useMemo, useRef, useState, type FormEvent } from 'react';
import { asService, hasPolicy, lifetimeBreach } from '../../../shared/domain';
import { inputs, type ChannelInput, type ChannelOutput } from '../../../shared/contract';
import type { KeySummary, ProviderInfo, Workspace } from '../../../shared/domain';
import type { AppErrorShape } from '../../../shared/result';
import { client } from '../lib/client';
import { fieldErrorsFromResult, fieldErrorsOf, type FieldErrors } from '../lib/field-errors';
import { exactTime } from '../lib/time';
import { useFocusFirstInvalid } from '../lib/use-focus-first-invalid';
import { useActivity } from '../store/activity-store';
import { useSecret } from '../store/secret-store';
import { useVault } from '../store/vault-store';
import { useView } from '../store/view-store';
import { Dialog } from './Dialog';
import { EnvLabel } from './EnvLabel';
import { ErrorBanner } from './ErrorBanner';
import { ExpiryChoice, expiryDate, initialExpiry, policyErrors, type ExpiryValue } from './ExpiryChoice';
import { Field } from './Field';
import { RotationSteps } from './RotationSteps';
import { ScopePicker } from './ScopePicker';
import { TokenPageLink, useTokenPage } from './TokenPageLink';
import { FormActions } from './FormActions';

const HOUR = 3600;
const GRACE = [
  { v: '0', label: 'Stop now' },
  { v: String(HOUR), label: '1 hour' },
  { v: String(24 * HOUR), label: '24 hours' },
  { v: String(7 * 24 * HOUR), label: '7 days' },
  { v: 'days', label: 'Days…' },
];

interface Ctx {
  apiKey: KeySummary;
  workspace: Workspace;
  provider: ProviderInfo;
  onClose(): void;
}

/** One click from the table or the details; what follows depends on how the service rotates. */
export function RotateDialog({ keyId, onClose }: { keyId: string; onClose(): void }) {
  const key = useVault((s) => s.keys.find((k) => k.id === keyId));
  const workspace = useVault((s) => s.workspaces.find((w) => w.id === key?.workspaceId));
  const info = useVault((s) => s.providers.find((p) => p.id === key?.provider));
  const provider = useMemo(() => (info ? asService(info, workspace) : undefined), [info, workspace]);
  // Keep showing the key that was rotated, even once the table has moved on to the new one.
  const frozen = useRef(key);
  if (key) frozen.current = key;
  const k = frozen.current;
  if (!k || !workspace || !provider) return null;
  const ctx = { apiKey: k, workspace, provider, onClose };
  return provider.capabilities.rotate === 'guided' ? <GuidedRotate {...ctx} /> : <ApiRotate {...ctx} />;
}

function useRotationEvents(keyId: string) {
  // Select the stable array, filter outside: a selector that builds a new array re-renders forever.
  const all = useActivity((s) => s.rotation);
  return useMemo(() => all.filter((e) => e.keyId === keyId), [all, keyId]);
}

async function afterRotation(newKeyId: string) {
  const vault = useVault.getState();
  await Promise.all([vault.refreshKeys(), vault.refreshWorkspaces(), vault.refreshExpiry(), vault.refreshAttention()]);
  useView.getState().selectKey(newKeyId);
}

const DAY_MS = 86_400_000;

/** The old key's lifetime in whole days, or null when it never expired. */
function lifetimeDays(k: KeySummary): number | null {
  return k.expiresAt ? Math.max(1, Math.round((Date.parse(k.expiresAt) - Date.parse(k.createdAt)) / DAY_MS)) : null;
}

function ApiRotate({ apiKey: k, workspace, provider, onClose }: Ctx) {
  const withGrace = provider.capabilities.rotate === 'atomic-with-grace';
  // Under a lifetime policy the new key's lifetime is chosen here, starting from the old one's where it still fits.
  const policy = useMemo(() => (provider.expiry.kind === 'days' && hasPolicy(workspace.policy) ? { policy: workspace.policy, workspaceName: workspace.name } : null), [provider, workspace]);
  const [expiry, setExpiry] = useState<ExpiryValue>(() => {
    const first = initialExpiry(provider.expiry, policy);
    const old = lifetimeDays(k);
    if (!policy || lifetimeBreach(policy.policy, policy.workspaceName, old)) return first;
    return old === null ? { ...first, mode: 'never' } : { ...first, mode: 'days', days: String(old) };
  });
  const [grace, setGrace] = useState(String(7 * 24 * HOUR));
  const [graceDays, setGraceDays] = useState('3');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<AppErrorShape | null>(null);
  const [busy, setBusy] = useState(false);
  const events = useRotationEvents(k.id);
  const clearRotation = useActivity((s) => s.clearRotation);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const input: ChannelInput<'keys.rotate'> = {
      id: k.id,
      ...(withGrace ? { graceSeconds: grace === 'days' ? Number(graceDays) * 24 * HOUR : Number(grace) } : {}),
      ...(policy ? { expiresInDays: expiry.mode === 'never' ? null : Number(expiry.days) } : {}),
    };
    const parsed = inputs.KeyRotateInput.safeParse(input);
    const ruled = policyErrors(provider.expiry, expiry, policy);
    if (!parsed.success || (grace === 'days' && !(Number(graceDays) >= 1)) || Object.keys(ruled).length > 0) {
      setErrors(!parsed.success ? fieldErrorsOf(parsed.error) : Object.keys(ruled).length ? ruled : { graceSeconds: 'must be a whole number of days, at least 1' });
      return;
    }
    setErrors({});
    setFailure(null);
    clearRotation();
    setBusy(true);
    const r = await client.invoke('keys.rotate', input);
    setBusy(false);
    if (!r.ok) {
      setFailure(r.error);
      setErrors(fieldErrorsFromResult(r.error));
      void useVault.getState().refreshAttention();
      return;
    }
    await afterRotation(r.value.newKey.id);
    onClose();
    if (r.value.secret) useSecret.getState().show({ keyId: r.value.newKey.id, keyName: r.value.newKey.name, secret: r.value.secret, origin: 'rotated', note: retireNote(r.value), fromKeyId: r.value.oldKey.id });
  }

  return (
    <Dialog title={`Rotate “${k.name}”`} description={<Where workspace={workspace} provider={provider} />} onClose={onClose}>
      <form className="form" noValidate onSubmit={submit} onChange={() => setErrors((e) => (Object.keys(e).length ? {} : e))}>
        {failure ? <ErrorBanner error={failure} /> : null}
        {withGrace ? (
          <fieldset className={`field fieldset${errors.graceSeconds ? ' field-invalid' : ''}`}>
            <legend className="field-label">Keep the old key working for</legend>
            <div className="segmented">
              {GRACE.map((g) => (
                <label key={g.v} className={`segment${grace === g.v ? ' is-checked' : ''}`}>
                  <input type="radio" name="grace" className="segment-input" value={g.v} checked={grace === g.v} onChange={() => setGrace(g.v)} data-autofocus={grace === g.v ? true : undefined} />
                  <span>{g.label}</span>
                </label>
              ))}
            </div>
            {grace === 'days' ? (
              <label className="inline-field">
                <input type="number" min={1} max={3650} value={graceDays} aria-label="Grace period in days" onChange={(e) => setGraceDays(e.target.value)} />
                <span>days</span>
              </label>
            ) : null}
            {errors.graceSeconds ? <p className="field-error">Grace period {errors.graceSeconds}</p> : null}
            <p className="field-hint">Long enough to deploy the new key everywhere it is used. {provider.vendor} expires the old one after that.</p>
          </fieldset>
        ) : (
          <div className="banner banner-warn" role="note">
            <span className="banner-icon" aria-hidden="true">!</span>
            <p className="banner-message">
              {provider.capabilities.rotate === 'atomic'
                ? `${provider.label} replaces the key in one step: the old key stops working at once. Update everything that uses it right away.`
                : `Keydeck creates a new key, then deletes the old one: the old key stops working at once.`}
            </p>
          </div>
        )}
        {policy ? (
          <div className="rotate-lifetime">
            <p className="field-note">The new key’s lifetime.</p>
            <ExpiryChoice model={provider.expiry} serviceLabel={provider.label} value={expiry} onChange={setExpiry} errors={errors} policy={policy} />
          </div>
        ) : null}
        {events.length > 0 || busy ? <RotationSteps events={events} /> : null}
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>
            {failure ? 'Close' : 'Cancel'}
          </button>
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Rotating…' : failure ? 'Try again' : 'Rotate now'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function retireNote(r: ChannelOutput<'keys.rotate'>): string {
  const old = `The old key “${r.oldKey.name}”`;
  const base = r.retire.validUntil ? `${old} keeps working until ${exactTime(r.retire.validUntil)}.` : r.retire.method === 'web-ui' ? `${old} still works: revoke it in the web app.` : `${old} no longer works.`;
  return r.warning ? `${base} ${r.warning}` : base;
}

function Where({ workspace, provider }: { workspace: Workspace; provider: ProviderInfo }) {
  return (
    <>
      {provider.label} · {workspace.name} <EnvLabel environment={workspace.environment} />
    </>
  );
}

function GuidedRotate({ apiKey: k, workspace, provider, onClose }: Ctx) {
  const tokenPage = useTokenPage(workspace, provider);
  const [scopes, setScopes] = useState<string[]>(k.scopes);
  const policy = useMemo(() => ({ policy: workspace.policy, workspaceName: workspace.name }), [workspace]);
  const [expiry, setExpiry] = useState<ExpiryValue>(() => initialExpiry(provider.expiry, policy));
  const secretInput = useRef<HTMLInputElement>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<AppErrorShape | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ChannelOutput<'keys.guidedRotate'> | null>(null);
  const [revoked, setRevoked] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, errors);
  const expiresAt = expiryDate(expiry);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const input: ChannelInput<'keys.guidedRotate'> = {
      id: k.id,
      secret: secretInput.current?.value ?? '',
      scopes,
      ...(expiresAt ? { expiresAt } : {}),
      ...(provider.expiry.kind === 'window' && expiry.from ? { validFrom: expiry.from } : {}),
    };
    const parsed = inputs.GuidedRotateInput.safeParse(input);
    const ruled = policyErrors(provider.expiry, expiry, policy);
    if (!parsed.success || Object.keys(ruled).length > 0) {
      setErrors({ ...(parsed.success ? {} : fieldErrorsOf(parsed.error)), ...ruled });
      return;
    }
    setErrors({});
    setFailure(null);
    setBusy(true);
    const r = await client.invoke('keys.guidedRotate', input);
    setBusy(false);
    if (!r.ok) {
      setFailure(r.error);
      setErrors(fieldErrorsFromResult(r.error));
      return;
    }
    if (secretInput.current) secretInput.current.value = '';
    setResult(r.value);
    await afterRotation(r.value.newKey.id);
  }

  async function confirmRevoked() {
    if (!result) return;
    setBusy(true);
    setFailure(null);
    const r = await client.invoke('keys.confirmRevoked', { id: result.oldKey.id });
    setBusy(false);
    if (!r.ok) return setFailure(r.error);
    setRevoked(r.value.key.name);
    await afterRotation(result.newKey.id);
  }

  const scopeWord = provider.scopes.kind === 'permissions' ? 'permissions' : 'scopes';
  return (
    <Dialog title={`Rotate “${k.name}”`} description={<Where workspace={workspace} provider={provider} />} onClose={onClose}>
      {result === null ? (
        <form ref={form} className="form" noValidate onSubmit={submit} onChange={() => setErrors((e) => (Object.keys(e).length ? {} : e))}>
          {failure ? <ErrorBanner error={failure} /> : null}
          <ol className="steps">
            <li className="step">
              <span className="step-title">Make a new token in {provider.label}</span>
              <p className="field-note">
                {provider.label} has no API for this. Create a token with the same {scopeWord}
                {k.scopes.length ? ` (${k.scopes.join(', ')})` : ''}, then come back.
              </p>
              <TokenPageLink url={tokenPage} label={`Open ${provider.label}’s token page`} />
              <ScopePicker model={provider.scopes} serviceLabel={provider.label} selected={scopes} onChange={setScopes} error={errors.scopes} />
              <ExpiryChoice model={provider.expiry} serviceLabel={provider.label} value={expiry} onChange={setExpiry} errors={errors} policy={policy} />
            </li>
            <li className="step">
              <span className="step-title">Paste it; Keydeck checks it before storing</span>
              <Field label="New token" error={errors.secret}>
                {(p) => <input {...p} ref={secretInput} type="password" className="input-mono" autoComplete="off" spellCheck={false} placeholder="Paste the new token" data-autofocus />}
              </Field>
            </li>
          </ol>
          <FormActions onCancel={onClose} busy={busy} label="Verify and save" busyLabel="Verifying…" />
        </form>
      ) : (
        <div className="form">
          {failure ? <ErrorBanner error={failure} /> : null}
          <div className="banner banner-ok" role="status">
            <span className="banner-icon" aria-hidden="true">✓</span>
            <p className="banner-message">
              The new token works and is stored as “{result.newKey.name}”.{result.warning ? ` ${result.warning}` : ''}
            </p>
          </div>
          {revoked ? (
            <p className="field-note" role="status">
              Confirmed: {provider.label} rejects the old token now. It is marked revoked.
            </p>
          ) : (
            <ol className="steps steps-from-3" start={3}>
              <li className="step">
                <span className="step-title">Revoke the old token in {provider.label}</span>
                <p className="field-note">Delete “{result.oldKey.name}” ({result.oldKey.masked}) in the web app, then let Keydeck check it no longer works.</p>
                <TokenPageLink url={result.retire.tokenPage ?? tokenPage} label={`Open ${provider.label}’s token page`} />
              </li>
            </ol>
          )}
          <div className="form-actions">
            {revoked ? null : (
              <button type="button" className="button" disabled={busy} onClick={() => void confirmRevoked()}>
                {busy ? 'Checking…' : 'I revoked it — check'}
              </button>
            )}
            <button type="button" className="button button-primary" onClick={onClose}>
              {revoked ? 'Done' : 'Later'}
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
