import { useMemo, useRef, useState, type FormEvent } from 'react';
import { asService } from '../../../shared/domain';
import type { ChannelOutput } from '../../../shared/contract';
import type { AppErrorShape } from '../../../shared/result';
import { client } from '../lib/client';
import { useVault } from '../store/vault-store';
import { Dialog } from './Dialog';
import { EnvLabel } from './EnvLabel';
import { ErrorBanner } from './ErrorBanner';
import { TokenPageLink } from './TokenPageLink';

/** Revoking cannot be undone: the dialog names where the key lives, and prod asks for its name typed back. */
export function RevokeDialog({ keyId, onClose }: { keyId: string; onClose(): void }) {
  const key = useVault((s) => s.keys.find((k) => k.id === keyId));
  const workspace = useVault((s) => s.workspaces.find((w) => w.id === key?.workspaceId));
  const info = useVault((s) => s.providers.find((p) => p.id === key?.provider));
  const provider = useMemo(() => (info ? asService(info, workspace) : undefined), [info, workspace]);
  const [typed, setTyped] = useState('');
  const [failure, setFailure] = useState<AppErrorShape | null>(null);
  const [typedError, setTypedError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<ChannelOutput<'keys.revoke'> | null>(null);
  const [done, setDone] = useState(false);
  const typedInput = useRef<HTMLInputElement>(null);
  if (!key || !workspace || !provider) return null;
  const prod = workspace.environment === 'prod';
  const refresh = async () => {
    const v = useVault.getState();
    await Promise.all([v.refreshKeys(), v.refreshWorkspaces(), v.refreshExpiry(), v.refreshAttention()]);
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!key) return;
    if (prod && typed.trim() !== key.name) {
      setTypedError(`Type “${key.name}” exactly to confirm`);
      typedInput.current?.focus();
      return;
    }
    setTypedError(null);
    setFailure(null);
    setBusy(true);
    const r = await client.invoke('keys.revoke', { id: key.id, ...(prod ? { confirmName: typed.trim() } : {}) });
    setBusy(false);
    if (!r.ok) return setFailure(r.error);
    await refresh();
    if (r.value.state === 'pending-web-ui') setPending(r.value);
    else onClose();
  }

  async function confirm() {
    if (!key) return;
    setBusy(true);
    setFailure(null);
    const r = await client.invoke('keys.confirmRevoked', { id: key.id });
    setBusy(false);
    if (!r.ok) return setFailure(r.error);
    await refresh();
    setDone(true);
  }

  return (
    <Dialog
      title={`Revoke “${key.name}”?`}
      role="alertdialog"
      size="small"
      onClose={onClose}
      description={
        <>
          In <strong>{workspace.name}</strong> <EnvLabel environment={workspace.environment} /> at {provider.label}. Anything still using {key.masked} stops working
          {provider.capabilities.revoke === 'guided' ? ' once you delete it in the web app' : ' immediately'}. This cannot be undone.
        </>
      }
    >
      {pending ? (
        <div className="form">
          {failure ? <ErrorBanner error={failure} /> : null}
          {done ? (
            <p className="field-note" role="status">Confirmed: {provider.label} rejects the token now. It is marked revoked.</p>
          ) : (
            <>
              <p className="field-note">{provider.label} has no API to revoke tokens: delete “{key.name}” in its web app, then let Keydeck check.</p>
              <TokenPageLink url={pending.tokenPage} label={`Open ${provider.label}’s token page`} />
            </>
          )}
          <div className="form-actions">
            {done ? null : (
              <button type="button" className="button" disabled={busy} onClick={() => void confirm()}>
                {busy ? 'Checking…' : 'I revoked it — check'}
              </button>
            )}
            <button type="button" className="button button-primary" onClick={onClose}>
              {done ? 'Done' : 'Later'}
            </button>
          </div>
        </div>
      ) : (
        <form className="form" noValidate onSubmit={submit}>
          {failure ? <ErrorBanner error={failure} /> : null}
          {prod ? (
            <div className={`field${typedError ? ' field-invalid' : ''}`}>
              <label htmlFor="revoke-confirm" className="field-label">
                Type <code>{key.name}</code> to confirm
              </label>
              <input
                id="revoke-confirm"
                ref={typedInput}
                type="text"
                autoComplete="off"
                spellCheck={false}
                value={typed}
                aria-invalid={Boolean(typedError)}
                aria-describedby={typedError ? 'revoke-confirm-error' : undefined}
                onChange={(e) => {
                  setTyped(e.target.value);
                  setTypedError(null);
                }}
                data-autofocus
              />
              {typedError ? <p id="revoke-confirm-error" className="field-error">{typedError}</p> : null}
            </div>
          ) : null}
          <div className="form-actions">
            <button type="button" className="button" onClick={onClose} {...(prod ? {} : { 'data-autofocus': true })}>
              Cancel
            </button>
            <button type="submit" className="button button-danger" disabled={busy}>
              {busy ? 'Revoking…' : provider.capabilities.revoke === 'guided' ? 'Revoke in the web app…' : 'Revoke key'}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
