import { PROVIDERS, type ProviderId } from '../../../shared/domain';
import type { ChannelOutput, ParsedInput } from '../../../shared/contract';
import type { RotationResult } from '../../../shared/contract/rotation';
import { AppError } from '../errors';
import { write, type Db } from '../store/database';
import type { Fingerprinter } from '../vault/fingerprint';
import { newKeyId } from '../vault/ids';
import type { RotationClients } from './clients';
import { crashPoint } from './crash-hook';
import { newRotationId, type Journal, type RotationDetail } from './journal';
import type { KeychainStep } from './keychain-step';
import { CREATE_PLAN, DAY, planner } from './planner';
import type { RotationProgress } from './progress';
import { mayHaveApplied, type Reconciler } from './reconciler';
import type { RotationRecords } from './records';
import type { StepRunner } from './step-runner';
import type { PolicyGate } from '../policy/policy-gate';

/**
 * Create and one-click rotate through a service's API: journal row first, the provider call
 * (never resent: an ambiguous answer is settled by the reconciler's look at the key list), the
 * keychain step, then the step runner.
 */
export class ApiFlows {
  constructor(
    private readonly db: Db,
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

  async create(input: ParsedInput<'keys.create'>): Promise<ChannelOutput<'keys.create'>> {
    const ws = this.records.workspace(input.workspaceId);
    const provider = ws.provider as ProviderId;
    const info = PROVIDERS[provider];
    if (!info.capabilities.create) {
      throw new AppError('unsupported', `${info.label} tokens are created in its web app (${this.clients.tokenPageUrl(ws) ?? 'its settings'}). Create one there, then import it or use the guided rotation.`);
    }
    if (input.projectId && !planner.hasProjects(provider)) {
      throw new AppError('invalid_input', `${info.label} has no projects.`, { fields: { projectId: `applies only to services with projects` } });
    }
    if (info.expiry.kind === 'days') this.policy.newKeyDays(ws, input.expiresInDays ?? null);
    this.clients.assertConnected(ws);
    const id = newKeyId();
    const managing = this.keychain.open(id, () => this.clients.management(ws));
    const now = this.progress.now();
    const rotationId = newRotationId();
    const detail: RotationDetail = { oldRemoteId: null, name: input.name, projectId: input.projectId ?? null, graceSeconds: null, expiresInDays: input.expiresInDays ?? null, startedAt: now, pid: process.pid, steps: [], knownSameName: this.records.knownSameName(ws.id, input.name) };
    write(this.db, () => this.journal.insert({ id: rotationId, key_id: id, workspace_id: ws.id, provider, plan: CREATE_PLAN, step: 'journal', state: 'running', new_key_id: id, created_at: now, detail }));
    crashPoint('journal', CREATE_PLAN);
    const client = await this.keychain.readFor(rotationId, managing);
    await this.keychain.prove(rotationId, id, `create "${input.name}"`);
    let created;
    try {
      created = await client.create({ name: input.name, ...planner.createOptions(provider, input) });
    } catch (e) {
      await this.reconciler.providerFailed(rotationId, e, `Creating "${input.name}" in ${ws.name}`);
      throw e;
    }
    crashPoint('provider', CREATE_PLAN);
    const storing = this.keychain.store(rotationId, id, created.secret);
    // Computed while the keychain writes.
    const fingerprinting = this.fingerprints.of(created.secret);
    fingerprinting.catch(() => {});
    const stored = await storing;
    crashPoint('keychain', CREATE_PLAN);
    const fingerprint = await fingerprinting;
    write(this.db, () => {
      this.records.insertKey({ id, ws, remote: created.key, name: input.name, secret: created.secret, fingerprint, source: 'created', hasSecret: stored });
      this.progress.append({ kind: 'created', keyId: id, workspaceId: ws.id, summary: `Created ${info.label} key "${input.name}" in ${ws.name}` });
      // Not stored: the journal stays "needs attention" (set by the keychain step) until a retry stores it.
      this.journal.update(rotationId, this.progress.now(), stored ? { step: 'finish', state: 'done', new_remote_id: created.key.remoteId } : { step: 'metadata', new_remote_id: created.key.remoteId });
    });
    this.progress.changed();
    const out = { key: this.records.summary(id), secret: created.secret };
    return stored ? out : { ...out, warning: this.keychain.unsavedMessage(input.name, created.secret) };
  }

  async rotate(input: ParsedInput<'keys.rotate'>): Promise<RotationResult> {
    const old = this.records.key(input.id);
    const ws = this.records.keyWorkspace(old);
    const provider = ws.provider as ProviderId;
    const info = PROVIDERS[provider];
    if (info.capabilities.rotate === 'guided') {
      throw new AppError('unsupported', `${info.label} tokens are rotated by hand: open its token page (${this.clients.tokenPageUrl(ws)}), create the new token, and paste it into Keydeck.`);
    }
    this.records.assertRotatable(old);
    if (!old.remote_id) {
      throw new AppError('conflict', `"${old.name}" is not linked to a key of ${info.label} yet. Refresh the workspace, then rotate.`);
    }
    const lifetime = info.expiry.kind === 'days' ? this.policy.rotationDays(ws, input.expiresInDays, old) : {};
    const expiresInDays = 'days' in lifetime ? lifetime.days : input.expiresInDays;
    this.clients.assertConnected(ws);
    const newId = newKeyId();
    const managing = this.keychain.open(newId, () => this.clients.management(ws));
    const { plan, method: planned } = planner.rotation(provider);
    const graceSeconds = planner.graceSeconds(planned, input.graceSeconds);
    const rotationId = newRotationId();
    const now = this.progress.now();
    const detail: RotationDetail = {
      oldRemoteId: old.remote_id, name: old.name, projectId: old.project_id, graceSeconds, expiresInDays, startedAt: now, pid: process.pid,
      steps: [{ step: 'journal', state: 'done', at: now }], oldExpiresAt: old.expires_at, knownSameName: this.records.knownSameName(ws.id, old.name),
    };
    write(this.db, () => this.journal.insert({ id: rotationId, key_id: old.id, workspace_id: ws.id, provider, plan, step: 'journal', state: 'running', new_key_id: newId, created_at: now, detail }));
    this.progress.emit(rotationId, old.id, 'journal', 'done', `Rotation of "${old.name}" recorded`);
    crashPoint('journal', plan);
    const client = await this.keychain.readFor(rotationId, managing);
    await this.keychain.prove(rotationId, newId, `rotate "${old.name}"`);
    this.progress.emit(rotationId, old.id, 'provider', 'started', `Asking ${info.label} for a new key`);
    let result;
    try {
      result = await client.rotate(old.remote_id, {
        graceDays: graceSeconds === 0 ? 0 : Math.ceil(graceSeconds / DAY),
        ...(expiresInDays !== undefined ? { expiresInDays } : {}),
        onFallback: 'keep-old',
      });
    } catch (e) {
      if (mayHaveApplied(e)) {
        // Never sent again: the service may have applied it. Look instead.
        this.progress.setState(rotationId, 'uncertain', 'provider', e.code, `${info.label} did not answer the rotation of "${old.name}" (${e.code}); Keydeck is checking the key list.`);
        const outcome = await this.reconciler.row(this.journal.get(rotationId)!).catch(() => null);
        if (outcome?.result) return { ...outcome.result, warning: `${info.label} did not answer at first (${e.code}); Keydeck checked its key list and finished the rotation. ${outcome.result.warning ?? ''}`.trim() };
        throw new AppError(e.code, `${info.label} did not answer the rotation of "${old.name}" (${e.code}). ${outcome?.message ?? 'Keydeck will check the key list again at next start.'}`);
      }
      await this.reconciler.providerFailed(rotationId, e, `Rotating "${old.name}"`);
      throw e;
    }
    crashPoint('provider', plan);
    // The write first (the longer of the two); the check needs only the secret, so it runs meanwhile.
    const storing = this.keychain.store(rotationId, newId, result.created.secret);
    const verifying = this.steps.startVerify(ws, result.created.secret);
    // Computed while the keychain writes.
    const fingerprint = this.fingerprints.of(result.created.secret);
    fingerprint.catch(() => {});
    const stored = await storing;
    if (stored) this.progress.emit(rotationId, old.id, 'keychain', 'done', 'New secret saved in the keychain');
    crashPoint('keychain', plan);
    // The service may have fallen back to creating a new key (no rotate endpoint): recorded under that plan.
    const fellBack = result.method === 'create-then-delete';
    await this.steps.commitNew(rotationId, {
      plan: fellBack ? planner.planFor(provider, 'create-then-delete') : plan,
      remote: { ...result.created.key, name: result.created.key.name || old.name },
      secret: result.created.secret,
      method: result.method,
      oldValidUntil: result.oldValidUntil,
      stored,
      fingerprint,
    });
    if (!stored) return this.steps.unsaved(rotationId, result.created.secret);
    const warning = [lifetime.warning, result.warning].filter(Boolean).join(' ') || undefined;
    return this.steps.advance(rotationId, { secret: result.created.secret, verifying, warning });
  }
}
