import { useRef, useState, type FormEvent } from 'react';
import { inputs, type ChannelInput } from '../../../shared/contract';
import { useActivity } from '../store/activity-store';
import { useVault } from '../store/vault-store';
import { Dialog } from './Dialog';
import { ErrorBanner } from './ErrorBanner';
import { Field } from './Field';
import { useContractForm } from '../lib/use-contract-form';
import { FormActions } from './FormActions';

/** Connect a workspace with a management key: verified by the service, kept in the keychain, then synced. */
export function ConnectWorkspaceDialog({ workspaceId, onClose }: { workspaceId: string; onClose(): void }) {
  const workspace = useVault((s) => s.workspaces.find((w) => w.id === workspaceId));
  const provider = useVault((s) => s.providers.find((p) => p.id === workspace?.provider));
  const connect = useVault((s) => s.connectWorkspace);
  const setSyncing = useActivity((s) => s.setSyncing);
  const secretInput = useRef<HTMLInputElement>(null);
  const [projectId, setProjectId] = useState('');
  const [expiresAt, setExpiresAt] = useState('');
  const { form, errors, failure, busy, run, clearErrors } = useContractForm();
  if (!workspace || !provider) return null;
  const reportsExpiry = provider.capabilities.list;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!workspace) return;
    const input: ChannelInput<'workspaces.connect'> = {
      id: workspace.id,
      // Read from the field only now: the management key never sits in React state.
      secret: secretInput.current?.value ?? '',
      ...(projectId.trim() ? { projectId } : {}),
      ...(expiresAt ? { expiresAt } : {}),
    };
    const id = workspace.id;
    const connected = await run(inputs.WorkspaceConnectInput, input, async (i) => {
      setSyncing(id, true);
      try {
        return await connect(i);
      } finally {
        setSyncing(id, false);
      }
    });
    if (!connected) return;
    if (secretInput.current) secretInput.current.value = '';
    onClose();
  }

  return (
    <Dialog
      title={workspace.managementKeyId ? `Replace the management key of ${workspace.name}` : `Connect ${workspace.name}`}
      description={
        reportsExpiry
          ? `Paste a ${provider.label} management key. Keydeck checks it with ${provider.vendor}, keeps it in your OS keychain and lists the account’s keys (names and dates only, never their secrets).`
          : `Paste a ${provider.label} token. Keydeck verifies it with ${provider.vendor} and keeps it in your OS keychain; ${provider.label} has no key-management API, so creating and rotating tokens are guided steps in its web app.`
      }
      onClose={onClose}
    >
      <form ref={form} className="form" noValidate onSubmit={submit} onChange={clearErrors}>
        {failure ? <ErrorBanner error={failure} /> : null}
        <Field label="Management key" error={errors.secret} hint={`The value you would put in ${provider.envVar}.`}>
          {(p) => <input {...p} ref={secretInput} type="password" className="input-mono" autoComplete="off" spellCheck={false} placeholder="Paste the key" data-autofocus />}
        </Field>
        {provider.scopes.kind === 'project' ? (
          <Field label="Project" optional error={errors.projectId} hint="Limit this workspace to one project (sent as X-Kernel-Project-Id).">
            {(p) => <input {...p} type="text" value={projectId} maxLength={128} placeholder="proj_…" onChange={(e) => setProjectId(e.target.value)} />}
          </Field>
        ) : null}
        {!reportsExpiry ? (
          <Field label="Token expires on" optional error={errors.expiresAt} hint={`${provider.label} does not report it: enter what you chose when you made the token.`}>
            {(p) => <input {...p} type="date" value={expiresAt} onChange={(e) => setExpiresAt(e.target.value)} />}
          </Field>
        ) : null}
        <FormActions onCancel={onClose} busy={busy} label="Connect" busyLabel="Connecting…" />
      </form>
    </Dialog>
  );
}
