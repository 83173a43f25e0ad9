import { asService, PROVIDERS, type KeySummary, type ProviderId } from '../../../shared/domain';
import type { ParsedInput } from '../../../shared/contract';
import type { RotationResult } from '../../../shared/contract/rotation';
import { AppError } from '../errors';
import type { RemoteKey } from '../providers';
import type { SecretStore } from '../ports';
import { write, type Db } from '../store/database';
import type { Fingerprinter } from '../vault/fingerprint';
import { newKeyId } from '../vault/ids';
import type { KeyService } from '../vault/key-service';
import { maskSecret } from '../vault/mask';
import type { RotationClients } from './clients';
import { crashPoint } from './crash-hook';
import { newRotationId, type Journal, type RotationDetail } from './journal';
import type { KeychainStep } from './keychain-step';
import { GUIDED_PLAN } from './planner';
import type { RotationProgress } from './progress';
import type { Reconciler } from './reconciler';
import type { RotationRecords } from './records';
import type { StepRunner } from './step-runner';
import type { PolicyGate } from '../policy/policy-gate';

/**
 * Tokens the user makes in the service's web app and pastes: each must answer the service's
 * verify call before Keydeck keeps it, so a mistyped paste never becomes an inventory entry.
 */
export class GuidedFlows {
  constructor(
    private readonly db: Db,
    private readonly secrets: SecretStore,
    private readonly keys: KeyService,
    private readonly journal: Journal,
    private readonly records: RotationRecords,
    private readonly clients: RotationClients,
    private readonly progress: RotationProgress,
    private readonly keychain: KeychainStep,
    private readonly steps: StepRunner,
    private readonly reconciler: Reconciler,
    private readonly fingerprints: Fingerprinter,
    private readonly policy: PolicyGate,
  ) {}

  async create(input: ParsedInput<'keys.guidedCreate'>): Promise<KeySummary> {
    const ws = this.records.workspace(input.workspaceId);
    const provider = ws.provider as ProviderId;
    const info = asService(PROVIDERS[provider], ws);
    if (info.capabilities.create) throw new AppError('unsupported', `${info.label} keys are created through its API: use Create key.`);
    this.policy.expiryDate(ws, input.expiresAt);
    const probe = await this.clients.forToken(ws, input.secret).probe();
    if (probe.state === 'rejected') {
      throw new AppError('auth_failed', `${info.label} rejected the pasted token (401): it is wrong, expired, or not valid yet. Nothing was stored.`, { fields: { secret: 'was rejected by the service' } });
    }
    const key = await this.keys.import({ ...input, provider });
    if (probe.state === 'unchecked') return key;
    const who = probe.state === 'valid' ? ` as ${probe.identity.label}` : ' (it works, but may not read the account: check its scopes)';
    this.progress.append({ kind: 'verified', keyId: key.id, workspaceId: ws.id, summary: `Verified "${key.name}" with ${info.label}${who}` });
    return key;
  }

  async rotate(input: ParsedInput<'keys.guidedRotate'>): Promise<RotationResult> {
    const old = this.records.key(input.id);
    const ws = this.records.keyWorkspace(old);
    const provider = ws.provider as ProviderId;
    const info = asService(PROVIDERS[provider], ws);
    if (info.capabilities.rotate !== 'guided') {
      throw new AppError('unsupported', `${info.label} keys rotate in one click: use Rotate instead of pasting a token.`);
    }
    this.records.assertRotatable(old);
    this.policy.expiryDate(ws, input.expiresAt);
    if ((await this.secrets.get(old.id)) === input.secret) {
      throw new AppError('invalid_input', 'This is the old token. Create a new one in the web app and paste that.', { fields: { secret: 'is the token being replaced' } });
    }
    const fingerprint = await this.fingerprints.of(input.secret);
    const dup = this.records.keysRepo.findByFingerprint(fingerprint);
    if (dup) throw new AppError('duplicate_key', `This token is already stored as "${dup.name}".`, { fields: { secret: `is already stored as "${dup.name}"` } });

    const rotationId = newRotationId();
    const newId = newKeyId();
    const now = this.progress.now();
    const name = input.name ?? old.name;
    const detail: RotationDetail = {
      oldRemoteId: old.remote_id, name, projectId: null, graceSeconds: null, startedAt: now, pid: process.pid, steps: [{ step: 'journal', state: 'done', at: now }],
      guided: { expiresAt: input.expiresAt ?? null, validFrom: input.validFrom ?? null, scopes: input.scopes ?? null },
    };
    write(this.db, () => this.journal.insert({ id: rotationId, key_id: old.id, workspace_id: ws.id, provider, plan: GUIDED_PLAN, step: 'journal', state: 'running', new_key_id: newId, created_at: now, detail }));
    this.progress.emit(rotationId, old.id, 'journal', 'done', `Rotation of "${old.name}" recorded`);
    crashPoint('journal', GUIDED_PLAN);

    this.progress.emit(rotationId, old.id, 'provider', 'started', `Checking the new token with ${info.label}`);
    let probe;
    try {
      probe = await this.clients.forToken(ws, input.secret).probe();
    } catch (e) {
      await this.reconciler.providerFailed(rotationId, e, `Checking the new token for "${old.name}"`);
      throw e;
    }
    if (probe.state === 'rejected') {
      this.progress.fail(rotationId, 'auth_failed', `The pasted token for "${old.name}" was rejected`);
      throw new AppError('auth_failed', `${info.label} rejected the pasted token (401): it is wrong, expired, or not valid yet. Nothing was changed; the old token is still in use.`, { fields: { secret: 'was rejected by the service' } });
    }
    crashPoint('provider', GUIDED_PLAN);
    if (!(await this.keychain.store(rotationId, newId, input.secret, { irreversible: false }))) {
      // Nothing irreversible happened: the pasted token is still the user's, and the old one works.
      throw new AppError('keychain_unavailable', 'The keychain refused the new token, so Keydeck did not switch to it; the old token is still in use. Unlock the keychain and paste it again.');
    }
    this.progress.emit(rotationId, old.id, 'keychain', 'done', 'New token saved in the keychain');
    crashPoint('keychain', GUIDED_PLAN);
    const remote: RemoteKey = {
      remoteId: '', name, masked: maskSecret(input.secret), scopes: input.scopes ?? (JSON.parse(old.scopes) as string[]), projectId: null,
      createdAt: now, expiresAt: input.expiresAt ?? null, lastUsedAt: null, active: true, revokedAt: null, deletedAt: null,
    };
    await this.steps.commitNew(rotationId, { plan: GUIDED_PLAN, remote, secret: input.secret, method: 'guided', oldValidUntil: null, validFrom: input.validFrom ?? null });
    return this.steps.advance(rotationId, { secret: input.secret, verified: probe.state === 'valid', hideSecret: true });
  }
}
