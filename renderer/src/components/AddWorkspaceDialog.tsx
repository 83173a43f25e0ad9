import { useState, type FormEvent } from 'react';
import { inputs } from '../../../shared/contract';
import type { Environment, ProviderId, WORKSPACE_COLORS } from '../../../shared/domain';
import { PROVIDER_IDS } from '../../../shared/domain';
import { useVault } from '../store/vault-store';
import { useView } from '../store/view-store';
import { ColorPicker } from './ColorPicker';
import { Dialog } from './Dialog';
import { EnvironmentPicker } from './EnvironmentPicker';
import { ErrorBanner } from './ErrorBanner';
import { Field } from './Field';
import { useContractForm } from '../lib/use-contract-form';
import { FormActions } from './FormActions';

type Color = (typeof WORKSPACE_COLORS)[number];

export function AddWorkspaceDialog({ onClose }: { onClose(): void }) {
  const providers = useVault((s) => s.providers);
  const addWorkspace = useVault((s) => s.addWorkspace);
  const selectWorkspace = useView((s) => s.selectWorkspace);

  const [name, setName] = useState('');
  const [provider, setProvider] = useState<ProviderId>(providers[0]?.id ?? PROVIDER_IDS[0]);
  const [environment, setEnvironment] = useState<Environment>('dev');
  const [baseUrl, setBaseUrl] = useState('');
  const [color, setColor] = useState<Color>('blue');
  const { form, errors, failure, busy, run, clearErrors } = useContractForm();

  const info = providers.find((p) => p.id === provider);
  const selfHosted = info ? info.defaultBaseUrl === null : false;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const input = { name, provider, environment, color, ...(baseUrl.trim() ? { baseUrl } : {}) };
    // The contract's own schema: the same messages the router would answer with, without the round trip.
    const added = await run(inputs.WorkspaceAddInput, input, addWorkspace);
    if (!added) return;
    selectWorkspace(added.id);
    onClose();
  }

  return (
    <Dialog title="Add workspace" description="A workspace is one account at one service, in one environment." onClose={onClose}>
      <form ref={form} className="form" noValidate onSubmit={submit} onChange={clearErrors}>
        {failure ? <ErrorBanner error={failure} /> : null}
        <Field label="Name" error={errors.name}>
          {(p) => <input {...p} type="text" value={name} maxLength={80} placeholder="Acme production" onChange={(e) => setName(e.target.value)} data-autofocus />}
        </Field>
        <Field label="Service" error={errors.provider}>
          {(p) => (
            <select {...p} value={provider} onChange={(e) => setProvider(e.target.value as ProviderId)}>
              {providers.map((pr) => (
                <option key={pr.id} value={pr.id}>
                  {pr.label} — {pr.vendor}
                </option>
              ))}
            </select>
          )}
        </Field>
        <EnvironmentPicker value={environment} onChange={setEnvironment} error={errors.environment} />
        <Field
          label="Base URL"
          optional={!selfHosted}
          error={errors.baseUrl}
          hint={selfHosted ? `${info?.label ?? 'This service'} is self-hosted: enter your instance's URL.` : 'Leave empty to use the service’s default.'}
        >
          {(p) => (
            <input
              {...p}
              type="url"
              inputMode="url"
              spellCheck={false}
              value={baseUrl}
              placeholder={info?.defaultBaseUrl ?? 'https://kinesis.example.com'}
              onChange={(e) => setBaseUrl(e.target.value)}
            />
          )}
        </Field>
        <ColorPicker value={color} onChange={setColor} />
        <FormActions onCancel={onClose} busy={busy} label="Add workspace" busyLabel="Adding…" />
      </form>
    </Dialog>
  );
}
