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
  const [verifyPath, setVerifyPath] = useState('');
  const [expectStatus, setExpectStatus] = useState('');
  const [tokenPage, setTokenPage] = useState('');
  const [envVar, setEnvVar] = useState('');
  const { form, errors, failure, busy, run, clearErrors } = useContractForm();

  const info = providers.find((p) => p.id === provider);
  const rule = info?.baseUrlRule ?? 'default';
  // What this service lets a workspace set for itself comes from the catalog, never from its id.
  const options = info?.workspaceOptions ?? { verifyRequest: false, tokenPage: false, envVar: false };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const verify = options.verifyRequest && verifyPath.trim() ? { verify: { path: verifyPath.trim(), ...(expectStatus.trim() ? { expectStatus: Number(expectStatus) } : {}) } } : {};
    const input = {
      name, provider, environment, color, ...(baseUrl.trim() ? { baseUrl } : {}), ...verify,
      ...(options.tokenPage && tokenPage.trim() ? { tokenPage: tokenPage.trim() } : {}),
      ...(options.envVar && envVar.trim() ? { envVar: envVar.trim() } : {}),
    };
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
          optional={rule !== 'required'}
          error={errors.baseUrl}
          hint={
            rule === 'required'
              ? `${info?.label ?? 'This service'} is self-hosted: enter your instance's URL.`
              : rule === 'optional'
                ? 'The API’s address, like https://api.github.com. Without it, Keydeck keeps tokens unchecked.'
                : 'Leave empty to use the service’s default.'
          }
        >
          {(p) => (
            <input
              {...p}
              type="url"
              inputMode="url"
              spellCheck={false}
              value={baseUrl}
              placeholder={info?.defaultBaseUrl ?? (rule === 'optional' ? 'https://api.example.com' : 'https://kinesis.example.com')}
              onChange={(e) => setBaseUrl(e.target.value)}
            />
          )}
        </Field>
        {options.verifyRequest ? (
          <div className="form-row">
            <Field label="Verify path" optional error={errors['verify.path'] ?? errors.verify} hint="A GET that only a working token passes.">
              {(p) => <input {...p} type="text" spellCheck={false} className="input-mono" value={verifyPath} maxLength={300} placeholder={info?.defaultVerifyPath ?? '/user'} onChange={(e) => setVerifyPath(e.target.value)} />}
            </Field>
            <Field label="Expected status" optional error={errors['verify.expectStatus']} hint="Any 2xx when empty.">
              {(p) => <input {...p} type="text" inputMode="numeric" value={expectStatus} maxLength={3} placeholder="200" onChange={(e) => setExpectStatus(e.target.value)} />}
            </Field>
          </div>
        ) : null}
        {options.tokenPage ? (
          <Field label="Token page" optional error={errors.tokenPage} hint="Where you make and revoke these tokens; Keydeck opens it for rotation and revocation.">
            {(p) => <input {...p} type="url" inputMode="url" spellCheck={false} value={tokenPage} placeholder="https://github.com/settings/tokens" onChange={(e) => setTokenPage(e.target.value)} />}
          </Field>
        ) : null}
        {options.envVar ? (
          <Field label="Environment variable" optional error={errors.envVar} hint="The name your programs read the token from.">
            {(p) => <input {...p} type="text" spellCheck={false} className="input-mono" value={envVar} maxLength={128} placeholder={info?.envVar ?? 'API_TOKEN'} onChange={(e) => setEnvVar(e.target.value)} />}
          </Field>
        ) : null}
        <ColorPicker value={color} onChange={setColor} />
        <FormActions onCancel={onClose} busy={busy} label="Add workspace" busyLabel="Adding…" />
      </form>
    </Dialog>
  );
}
