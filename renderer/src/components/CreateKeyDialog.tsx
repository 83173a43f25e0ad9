import { useMemo, useRef, useState, type FormEvent } from 'react';
import { asService } from '../../../shared/domain';
import { inputs, type ChannelInput } from '../../../shared/contract';
import { client } from '../lib/client';
import { type FieldErrors } from '../lib/field-errors';
import { useSecret } from '../store/secret-store';
import { useVault } from '../store/vault-store';
import { useView } from '../store/view-store';
import { Dialog } from './Dialog';
import { ErrorBanner } from './ErrorBanner';
import { ExpiryChoice, expiryDate, initialExpiry, policyErrors, type ExpiryValue } from './ExpiryChoice';
import { Field } from './Field';
import { ScopePicker } from './ScopePicker';
import { TokenPageLink, useTokenPage } from './TokenPageLink';
import { useContractForm } from '../lib/use-contract-form';
import { FormActions } from './FormActions';

/**
 * A new key, shaped by the provider's model. Services with an API (kernel.sh, Kernle) create it
 * in one call and show the secret once; the others (Asimov, Kinesis) are guided: Keydeck says
 * what to make in their web app, then the pasted token is stored.
 */
export function CreateKeyDialog({ workspaceId, onClose }: { workspaceId: string; onClose(): void }) {
  const workspace = useVault((s) => s.workspaces.find((w) => w.id === workspaceId));
  const provider = useVault((s) => s.providers.find((p) => p.id === workspace?.provider));
  if (!workspace || !provider) return null;
  return provider.capabilities.create ? <ApiCreate key="api" {...{ workspaceId, onClose }} /> : <GuidedCreate key="guided" {...{ workspaceId, onClose }} />;
}

function useWorkspace(workspaceId: string) {
  const workspace = useVault((s) => s.workspaces.find((w) => w.id === workspaceId))!;
  const info = useVault((s) => s.providers.find((p) => p.id === workspace.provider))!;
  const provider = useMemo(() => asService(info, workspace), [info, workspace]);
  const policy = useMemo(() => ({ policy: workspace.policy, workspaceName: workspace.name }), [workspace]);
  return { workspace, provider, policy };
}

function ApiCreate({ workspaceId, onClose }: { workspaceId: string; onClose(): void }) {
  const { workspace, provider, policy } = useWorkspace(workspaceId);
  const [name, setName] = useState('');
  const [expiry, setExpiry] = useState<ExpiryValue>(() => initialExpiry(provider.expiry, policy));
  const [projectId, setProjectId] = useState('');
  const { form, errors, failure, busy, run, clearErrors } = useContractForm();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const input: ChannelInput<'keys.create'> = {
      workspaceId,
      name,
      ...(provider.expiry.kind === 'days' ? { expiresInDays: expiry.mode === 'never' ? null : Number(expiry.days) } : {}),
      ...(projectId.trim() ? { projectId } : {}),
    };
    const created = await run(inputs.KeyCreateInput, input, (i) => client.invoke('keys.create', i), policyErrors(provider.expiry, expiry, policy));
    if (!created) return;
    const vault = useVault.getState();
    await Promise.all([vault.refreshKeys(), vault.refreshWorkspaces(), vault.refreshExpiry()]);
    useView.getState().selectKey(created.key.id);
    onClose();
    useSecret.getState().show({ keyId: created.key.id, keyName: created.key.name, secret: created.secret, origin: 'created', ...(created.warning ? { note: created.warning } : {}) });
  }

  return (
    <Dialog title={`Create a ${provider.label} key`} description={`In ${workspace.name} (${workspace.environment}). ${provider.vendor} shows the secret once; Keydeck puts it in your OS keychain first.`} onClose={onClose}>
      <form ref={form} className="form" noValidate onSubmit={submit} onChange={clearErrors}>
        {failure ? <ErrorBanner error={failure} /> : null}
        <Field label="Name" error={errors.name}>
          {(p) => <input {...p} type="text" value={name} maxLength={255} placeholder="ci-deploy" onChange={(e) => setName(e.target.value)} data-autofocus />}
        </Field>
        <ExpiryChoice model={provider.expiry} serviceLabel={provider.label} value={expiry} onChange={setExpiry} errors={errors} policy={policy} />
        {provider.scopes.kind === 'project' ? (
          <Field label="Project" optional error={errors.projectId} hint="A project-scoped key can only reach that project.">
            {(p) => <input {...p} type="text" value={projectId} maxLength={128} placeholder="proj_…" onChange={(e) => setProjectId(e.target.value)} />}
          </Field>
        ) : null}
        {provider.scopes.kind === 'none' ? <p className="field-note">{provider.label} keys have no scopes: each key can do everything its account can.</p> : null}
        <FormActions onCancel={onClose} busy={busy} label="Create key" busyLabel="Creating…" />
      </form>
    </Dialog>
  );
}

function GuidedCreate({ workspaceId, onClose }: { workspaceId: string; onClose(): void }) {
  const { workspace, provider, policy } = useWorkspace(workspaceId);
  const guidedCreate = useVault((s) => s.guidedCreate);
  const tokenPage = useTokenPage(workspace, provider);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>([]);
  const [expiry, setExpiry] = useState<ExpiryValue>(() => initialExpiry(provider.expiry, policy));
  const secretInput = useRef<HTMLInputElement>(null);
  const { form, errors, failure, busy, run, clearErrors } = useContractForm();
  const expiresAt = expiryDate(expiry);
  const scopeWord = provider.scopes.kind === 'permissions' ? 'permissions' : 'scopes';

  async function submit(e: FormEvent) {
    e.preventDefault();
    const input: ChannelInput<'keys.guidedCreate'> = {
      name,
      workspaceId,
      secret: secretInput.current?.value ?? '',
      scopes,
      ...(expiresAt ? { expiresAt } : {}),
      ...(provider.expiry.kind === 'window' && expiry.from ? { validFrom: expiry.from } : {}),
    };
    const extra: FieldErrors = { ...policyErrors(provider.expiry, expiry, policy) };
    if (provider.expiry.kind === 'window' && !expiry.date) extra.expiresAt = 'is required: Keydeck warns you before it';
    if (scopes.length === 0 && provider.scopes.kind !== 'none') extra.scopes = `needs at least one of the ${scopeWord} you gave the token`;
    const key = await run(inputs.GuidedCreateInput, input, guidedCreate, extra);
    if (!key) return;
    if (secretInput.current) secretInput.current.value = '';
    useView.getState().selectKey(key.id);
    onClose();
  }

  const chosen = scopes.length ? scopes.join(', ') : `the ${scopeWord} you pick above`;
  const when = provider.expiry.kind === 'window' ? (expiry.date ? `valid${expiry.from ? ` from ${expiry.from}` : ''} to ${expiry.date}` : 'with an end date') : expiresAt ? `expiring on ${expiresAt}` : '';

  return (
    <Dialog title={`Create a ${provider.label} token`} description={`${provider.label} tokens are made in its web app. Pick what the token may do, make it there, then paste it here.`} onClose={onClose}>
      <form ref={form} className="form" noValidate onSubmit={submit} onChange={clearErrors}>
        {failure ? <ErrorBanner error={failure} /> : null}
        <ol className="steps">
          <li className="step">
            <span className="step-title">Choose</span>
            <Field label="Name" error={errors.name}>
              {(p) => <input {...p} type="text" value={name} maxLength={255} placeholder="notebook" onChange={(e) => setName(e.target.value)} data-autofocus />}
            </Field>
            <ScopePicker model={provider.scopes} serviceLabel={provider.label} selected={scopes} onChange={setScopes} error={errors.scopes} required />
            <ExpiryChoice model={provider.expiry} serviceLabel={provider.label} value={expiry} onChange={setExpiry} errors={errors} policy={policy} />
          </li>
          <li className="step">
            <span className="step-title">Make it in {provider.label}</span>
            <p className="field-note">
              Create a token named <strong>{name.trim() || '…'}</strong>{provider.scopes.kind === 'none' ? '' : ` with ${chosen}`}{when ? `, ${when}` : ''}.
            </p>
            <TokenPageLink url={tokenPage} label={`Open ${provider.label}’s token page`} />
          </li>
          <li className="step">
            <span className="step-title">Paste it</span>
            <Field label="Token" error={errors.secret} hint={`Shown once by ${provider.label}; Keydeck stores it in your OS keychain.`}>
              {(p) => <input {...p} ref={secretInput} type="password" className="input-mono" autoComplete="off" spellCheck={false} placeholder="Paste the token" />}
            </Field>
          </li>
        </ol>
        <FormActions onCancel={onClose} busy={busy} label="Save token" busyLabel="Saving…" />
      </form>
    </Dialog>
  );
}
