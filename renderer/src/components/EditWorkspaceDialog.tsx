import { useState, type FormEvent } from 'react';
import { inputs, type ChannelInput } from '../../../shared/contract';
import type { Environment, WORKSPACE_COLORS } from '../../../shared/domain';
import { client } from '../lib/client';
import { useContractForm } from '../lib/use-contract-form';
import { useUi } from '../store/ui-store';
import { useVault } from '../store/vault-store';
import { ColorPicker } from './ColorPicker';
import { Dialog } from './Dialog';
import { EnvironmentPicker } from './EnvironmentPicker';
import { ErrorBanner } from './ErrorBanner';
import { Field } from './Field';
import { FormActions } from './FormActions';
import { draftOf, PolicyFields, policyOfDraft, type PolicyDraft } from './PolicyFields';

type Color = (typeof WORKSPACE_COLORS)[number];

/** Name, base URL, environment and colour; from here too, replace the management key or remove the workspace. */
export function EditWorkspaceDialog({ workspaceId, onClose }: { workspaceId: string; onClose(): void }) {
  const workspace = useVault((s) => s.workspaces.find((w) => w.id === workspaceId));
  const provider = useVault((s) => s.providers.find((p) => p.id === workspace?.provider));
  const open = useUi((s) => s.open);
  const [name, setName] = useState(workspace?.name ?? '');
  const [baseUrl, setBaseUrl] = useState(workspace?.baseUrl ?? '');
  const [environment, setEnvironment] = useState<Environment>(workspace?.environment ?? 'dev');
  const [color, setColor] = useState<Color>(workspace?.color ?? 'slate');
  const [policy, setPolicy] = useState<PolicyDraft>(() => draftOf(workspace?.policy ?? { maxLifetimeDays: null, noNeverExpiring: false, rotateEveryDays: null }));
  const { form, errors, failure, busy, run, clearErrors } = useContractForm();
  // Removed elsewhere (the CLI, another window) while this was open: nothing left to edit.
  if (!workspace) return null;
  const ws = workspace;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const input: ChannelInput<'workspaces.update'> = {
      id: ws.id,
      ...(name !== ws.name ? { name } : {}),
      ...(baseUrl.trim() !== ws.baseUrl ? { baseUrl: baseUrl.trim() } : {}),
      ...(environment !== ws.environment ? { environment } : {}),
      ...(color !== ws.color ? { color } : {}),
      ...(JSON.stringify(policyOfDraft(policy)) !== JSON.stringify(ws.policy) ? { policy: policyOfDraft(policy) } : {}),
    };
    const saved = await run(inputs.WorkspaceUpdateInput, input, (i) => client.invoke('workspaces.update', i));
    if (!saved) return;
    await useVault.getState().refreshWorkspaces();
    onClose();
  }

  return (
    <Dialog title={`Edit ${ws.name}`} description={`${provider?.label ?? ws.provider} workspace. Changes are recorded in the audit log.`} onClose={onClose}>
      <form ref={form} className="form" noValidate onSubmit={submit} onChange={clearErrors}>
        {failure ? <ErrorBanner error={failure} /> : null}
        <Field label="Name" error={errors.name}>
          {(p) => <input {...p} type="text" value={name} maxLength={80} onChange={(e) => setName(e.target.value)} data-autofocus />}
        </Field>
        <Field label="Base URL" error={errors.baseUrl} hint={provider?.defaultBaseUrl ? `The service’s default is ${provider.defaultBaseUrl}.` : 'Your instance’s URL.'}>
          {(p) => <input {...p} type="url" inputMode="url" spellCheck={false} value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} />}
        </Field>
        <EnvironmentPicker value={environment} onChange={setEnvironment} error={errors.environment} />
        <ColorPicker value={color} onChange={setColor} />
        {provider ? <PolicyFields expiry={provider.expiry} serviceLabel={provider.label} value={policy} onChange={setPolicy} errors={errors} /> : null}
        <div className="form-aside">
          <button type="button" className="button button-small" onClick={() => open({ kind: 'connect-workspace', workspaceId: ws.id })}>
            {ws.managementKeyId ? 'Replace management key…' : 'Connect…'}
          </button>
          <button type="button" className="button button-small button-danger-quiet" onClick={() => open({ kind: 'remove-workspace', workspaceId: ws.id })}>
            Remove workspace…
          </button>
        </div>
        <FormActions onCancel={onClose} busy={busy} label="Save changes" busyLabel="Saving…" />
      </form>
    </Dialog>
  );
}
