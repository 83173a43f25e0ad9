import { useRef, useState, type FormEvent } from 'react';
import { inputs, type ChannelInput } from '../../../shared/contract';
import { interpretPaste, PROVIDER_IDS, type ProviderId } from '../../../shared/domain';
import { useVault } from '../store/vault-store';
import { Dialog } from './Dialog';
import { ErrorBanner } from './ErrorBanner';
import { Field } from './Field';
import { ScopePicker } from './ScopePicker';
import { useContractForm } from '../lib/use-contract-form';
import { FormActions } from './FormActions';

interface Props {
  initialWorkspaceId: string | null;
  onClose(): void;
}

/** Paste a key you already have: the secret goes to the OS keychain, the rest to Keydeck's index. */
export function ImportKeyDialog({ initialWorkspaceId, onClose }: Props) {
  const providers = useVault((s) => s.providers);
  const workspaces = useVault((s) => s.workspaces);
  const importKey = useVault((s) => s.importKey);

  const initialWorkspace = workspaces.find((w) => w.id === initialWorkspaceId) ?? null;
  const [provider, setProvider] = useState<ProviderId>(initialWorkspace?.provider ?? providers[0]?.id ?? PROVIDER_IDS[0]);
  const [workspaceId, setWorkspaceId] = useState(initialWorkspace?.id ?? '');
  const [name, setName] = useState('');
  const [secret, setSecret] = useState('');
  const secretInput = useRef<HTMLInputElement>(null);
  const [expiresAt, setExpiresAt] = useState('');
  const [scopes, setScopes] = useState<string[]>([]);
  const [projectId, setProjectId] = useState('');
  const [fromVariable, setFromVariable] = useState<string | null>(null);
  const { form, errors, failure, busy, run, clearErrors } = useContractForm();

  const info = providers.find((p) => p.id === provider);
  const label = info?.label ?? provider;
  const serviceWorkspaces = workspaces.filter((w) => w.provider === provider);

  function changeProvider(next: ProviderId) {
    setProvider(next);
    setScopes([]);
    setProjectId('');
    // A workspace of another service cannot hold this key.
    if (!workspaces.some((w) => w.id === workspaceId && w.provider === next)) setWorkspaceId('');
  }

  /** A pasted `KERNEL_API_KEY=sk_…` line: keep the value only, and take name and service from the variable. */
  function changeSecret(text: string) {
    const p = interpretPaste(text);
    if (!p.variable) {
      setSecret(text);
      return;
    }
    setSecret(p.value);
    if (secretInput.current) secretInput.current.value = p.value;
    setFromVariable(p.variable);
    if (!name.trim() && p.suggestedName) setName(p.suggestedName);
    if (p.suggestedProvider && p.suggestedProvider !== provider) changeProvider(p.suggestedProvider);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const input: ChannelInput<'keys.import'> = {
      name,
      provider,
      secret,
      scopes,
      ...(workspaceId ? { workspaceId } : {}),
      ...(expiresAt ? { expiresAt } : {}),
      ...(projectId.trim() ? { projectId } : {}),
    };
    if (!(await run(inputs.KeyImportInput, input, importKey))) return;
    setSecret('');
    if (secretInput.current) secretInput.current.value = '';
    onClose();
  }

  return (
    <Dialog title="Import key" description="Paste a key you already have. The secret is stored in your OS keychain, never in Keydeck’s database." onClose={onClose}>
      <form ref={form} className="form" noValidate onSubmit={submit} onChange={clearErrors}>
        {failure ? <ErrorBanner error={failure} /> : null}
        <Field label="Name" error={errors.name}>
          {(p) => <input {...p} type="text" value={name} maxLength={255} placeholder="ci-deploy" onChange={(e) => setName(e.target.value)} data-autofocus />}
        </Field>
        <div className="form-row">
          <Field label="Service" error={errors.provider}>
            {(p) => (
              <select {...p} value={provider} onChange={(e) => changeProvider(e.target.value as ProviderId)}>
                {providers.map((pr) => (
                  <option key={pr.id} value={pr.id}>
                    {pr.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Workspace" optional error={errors.workspaceId}>
            {(p) => (
              <select {...p} value={workspaceId} onChange={(e) => setWorkspaceId(e.target.value)}>
                <option value="">No workspace</option>
                {serviceWorkspaces.map((w) => (
                  <option key={w.id} value={w.id}>
                    {w.name} ({w.environment})
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Field
          label="Secret"
          error={errors.secret}
          hint={fromVariable ? `Took the value of ${fromVariable}; name and service were filled in from it.` : info ? `The value you would put in ${info.envVar}, or the whole ${info.envVar}=… line.` : undefined}
        >
          {(p) => (
            <input
              {...p}
              type="password"
              className="input-mono"
              autoComplete="off"
              spellCheck={false}
              // Uncontrolled on purpose: React mirrors a controlled value into the DOM attribute,
              // and the secret should live only in the field's property, never in the markup.
              ref={secretInput}
              placeholder="Paste the key"
              onChange={(e) => changeSecret(e.target.value)}
            />
          )}
        </Field>
        {info?.expiry.kind === 'none' ? (
          <p className="field-note">{label} keys never expire.</p>
        ) : (
          <Field label="Expires on" optional error={errors.expiresAt} hint="Keydeck warns you before this date.">
            {(p) => <input {...p} type="date" value={expiresAt} onChange={(e) => setExpiresAt(e.target.value)} />}
          </Field>
        )}
        {info?.scopes.kind === 'project' ? (
          <Field label="Project" optional error={errors.projectId}>
            {(p) => <input {...p} type="text" value={projectId} maxLength={128} placeholder="proj_…" onChange={(e) => setProjectId(e.target.value)} />}
          </Field>
        ) : null}
        {info ? <ScopePicker model={info.scopes} serviceLabel={label} selected={scopes} onChange={setScopes} error={errors.scopes} /> : null}
        <FormActions onCancel={onClose} busy={busy} label="Import key" busyLabel="Importing…" />
      </form>
    </Dialog>
  );
}
