import { asService, PROVIDERS, type ProviderId } from '../../../shared/domain';
import type { RotationResult, UsageReport } from '../../../shared/contract/rotation';
import type { ErrorCode } from '../../../shared/result';
import { AppError } from '../errors';
import type { ProbeResult, RemoteKey } from '../providers';
import type { SecretStore } from '../ports';
import type { SettingsService } from '../settings/settings-service';
import { write, type Db } from '../store/database';
import type { AuditEntry } from '../store/audit-repo';
import type { WorkspaceRow } from '../store/rows';
import type { Fingerprinter } from '../vault/fingerprint';
import { maskSecret } from '../vault/mask';
import type { RotationClients } from './clients';
import { crashPoint } from './crash-hook';
import { detailOf, type Journal, type Plan, type RotationDetail } from './journal';
import { planner } from './planner';
import type { RotationProgress } from './progress';
import type { RotationRecords } from './records';
import type { KeychainStep } from './keychain-step';
import type { Retirement } from './retirement';
import type { UsageService } from './usages';

export interface AdvanceContext {
  secret?: string;
  verified?: boolean;
  /** The new key's check, already asked of the service (`startVerify`): its answer is read at the verify step. */
  verifying?: Promise<ProbeResult>;
  warning?: string;
  hideSecret?: boolean;
}

/**
 * The forward path once the provider answered and the secret is in the keychain: the metadata
 * step (one transaction), then verify → retire → usages → finish, from wherever the journal says
 * it stopped, so the reconciler finishes a crashed rotation with the same code.
 */
export class StepRunner {
  constructor(
    private readonly db: Db,
    private readonly secrets: SecretStore,
    private readonly journal: Journal,
    private readonly records: RotationRecords,
    private readonly clients: RotationClients,
    private readonly progress: RotationProgress,
    private readonly retirement: Retirement,
    private readonly usages: UsageService,
    private readonly fingerprints: Fingerprinter,
    private readonly settings: SettingsService,
    private readonly keychain: KeychainStep,
  ) {}

  /**
   * The keychain refused the new secret after the service made it: the metadata is committed (so
   * the new key is known and the old one marked replaced), nothing destructive follows, and the
   * secret is handed back once with the attention item's words. "Retry" continues from here.
   */
  unsaved(rotationId: string, secret: string): RotationResult {
    const row = this.journal.get(rotationId)!;
    const atomic = planner.methodOf(row.provider, row.plan) === 'atomic';
    const retire: RotationResult['retire'] = { method: atomic ? 'immediate' : 'kept', validUntil: null, tokenPage: null };
    return this.result(rotationId, secret, false, retire, [], [this.keychain.unsavedMessage(detailOf(row).name, secret)]);
  }

  /** Metadata: the new key row, the old key superseded (and the workspace's management key moved). One transaction. */
  async commitNew(rotationId: string, c: { plan: Plan; remote: RemoteKey; secret: string; method: NonNullable<RotationDetail['method']>; oldValidUntil: string | null; validFrom?: string | null; stored?: boolean; fingerprint?: Promise<string> }): Promise<void> {
    const row = this.journal.get(rotationId)!;
    const det = detailOf(row);
    const old = this.records.key(row.key_id);
    const ws = this.records.keyWorkspace(old);
    // The caller may have started it while the keychain wrote.
    const fingerprint = await (c.fingerprint ?? this.fingerprints.of(c.secret));
    const now = this.progress.now();
    write(this.db, () => {
      if (!this.records.keysRepo.get(row.new_key_id)) {
        this.records.insertKey({ id: row.new_key_id, ws, remote: c.remote, name: c.remote.name || det.name, secret: c.secret, fingerprint, source: 'created', validFrom: c.validFrom ?? null, projectId: c.remote.projectId ?? old.project_id, hasSecret: c.stored });
      }
      this.records.updateKey(old.id, { superseded_by: row.new_key_id }, now);
      if (ws.management_key_id === old.id) this.records.workspaces.update(ws.id, { management_key_id: row.new_key_id }, now);
      this.progress.append({ kind: 'rotated', keyId: old.id, workspaceId: ws.id, summary: `Rotated "${old.name}" in ${ws.name}: new key ${maskSecret(c.secret)} (${c.method})` });
      det.method = c.method;
      det.oldValidUntil = c.oldValidUntil;
      det.steps.push({ step: 'metadata', state: 'done', at: now });
      this.journal.update(rotationId, now, { step: 'metadata', plan: c.plan, new_remote_id: c.remote.remoteId || null, detail: det });
    });
    this.progress.changed();
    this.progress.emit(rotationId, old.id, 'metadata', 'done', 'New key recorded; the old one is marked as replaced');
    crashPoint('metadata', c.plan);
  }

  /**
   * Asks the service about the new key now; the answer is taken at the verify step, in the
   * journal's order (`advance`). The check needs only the secret, so it can run while the keychain
   * stores it; an answer nobody takes (the rotation stopped first) is dropped.
   */
  startVerify(ws: WorkspaceRow, secret: string): Promise<ProbeResult> {
    const verifying = this.clients.forToken(ws, secret).probe();
    verifying.catch(() => {});
    return verifying;
  }

  /** verify → retire → usages → finish, from wherever the journal says it stopped. */
  async advance(rotationId: string, ctx: AdvanceContext): Promise<RotationResult> {
    let row = this.journal.get(rotationId)!;
    const plan = row.plan;
    // An atomic rotation has stopped the old key already: nothing is gained by holding back the rest.
    const oldIsGone = planner.methodOf(row.provider, plan) === 'atomic';
    const old = this.records.key(row.key_id);
    const ws = this.records.keyWorkspace(old);
    const info = asService(PROVIDERS[ws.provider as ProviderId], ws);
    const secret = ctx.secret ?? (await this.keychain.retryUnsaved(rotationId, row.new_key_id)) ?? (await this.secrets.get(row.new_key_id));
    const warnings: string[] = ctx.warning ? [ctx.warning] : [];
    if (secret === null) {
      this.progress.needsAttention(row, 'keychain_unavailable', `The keychain no longer holds the new key of "${old.name}". Reveal is impossible; rotate again.`);
      throw new AppError('keychain_unavailable', `The keychain no longer holds the new key of "${old.name}". Rotate it again.`);
    }
    let verifiedOk = true;
    if (row.step === 'metadata') {
      this.progress.emit(rotationId, old.id, 'verify', 'started', `Checking the new key with ${info.label}`);
      let state: 'valid' | 'rejected' | 'forbidden' | 'unchecked' | 'error' = ctx.verified ? 'valid' : 'error';
      let code: ErrorCode | undefined;
      if (!ctx.verified) {
        try {
          state = (await (ctx.verifying ?? this.clients.forToken(ws, secret).probe())).state;
        } catch (e) {
          code = e instanceof AppError ? e.code : 'internal';
        }
      }
      // "unchecked": the workspace offers no verify call; the user's paste is taken as it is, and said so.
      verifiedOk = state === 'valid' || state === 'forbidden' || state === 'unchecked';
      if (state === 'unchecked') warnings.push('The new token was not checked: this workspace has no verify call.');
      else if (!verifiedOk) warnings.push(`The new key could not be verified (${code ?? state}); the old key was kept working. Retry from "Needs attention".`);
      const entry: AuditEntry | undefined =
        state === 'unchecked' ? undefined
        : verifiedOk ? { kind: 'verified', keyId: row.new_key_id, workspaceId: ws.id, summary: `Verified the new key of "${old.name}" with ${info.label}` }
        : { kind: 'failed', keyId: row.new_key_id, workspaceId: ws.id, summary: `Verifying the new key of "${old.name}" failed (${code ?? state})` };
      // A failed verify stays at 'metadata' (unless the old key is gone already: then it goes on regardless).
      this.progress.stepDone(rotationId, 'verify', verifiedOk || oldIsGone ? 'done' : 'failed', code ?? (state === 'rejected' ? 'auth_failed' : undefined), entry);
      crashPoint('verify', plan);
      row = this.journal.get(rotationId)!;
    }
    const det = detailOf(row);
    let retire: RotationResult['retire'] = { method: 'kept', validUntil: null, tokenPage: null };
    if (!verifiedOk && !oldIsGone) {
      // Destructive retirement waits for a verified new key.
      this.progress.needsAttention(row, 'auth_failed', `The new key of "${old.name}" could not be verified; the old key was kept. Retry to check again.`);
      return this.result(rotationId, secret, ctx.hideSecret, retire, [], warnings);
    }
    if (row.step === 'verify') {
      this.progress.emit(rotationId, old.id, 'retire', 'started', 'Retiring the old key');
      retire = await this.retirement.retireOld(row, det, old, ws, warnings);
      this.progress.stepDone(rotationId, 'retire', 'done');
      crashPoint('retire', plan);
      row = this.journal.get(rotationId)!;
    } else {
      retire = this.retirement.view(this.records.key(old.id), ws, row);
    }
    let usages: UsageReport[] = [];
    if (row.step === 'retire') {
      this.progress.emit(rotationId, old.id, 'usages', 'started', 'Updating recorded .env files');
      // With no .env file recorded there is nothing to rewrite: no keychain read of the old secret, no settings.
      if (this.usages.rows(old.id).length > 0 || this.usages.rows(row.new_key_id).length > 0) {
        const oldSecret = await this.secrets.get(old.id);
        usages = this.usages.apply(old.id, row.new_key_id, oldSecret, secret, this.settings.get().envBackup);
        const bad = usages.filter((u) => u.outcome !== 'updated');
        if (bad.length) warnings.push(`${bad.length} recorded .env file(s) were not updated: ${bad.map((u) => u.filePath).join(', ')}.`);
      }
      this.progress.stepDone(rotationId, 'usages', 'done');
      crashPoint('usages', plan);
    }
    // Finish: a dead old key's secret has no use left.
    const oldNow = this.records.key(old.id);
    if (oldNow.revoked_at && oldNow.has_secret) {
      await this.secrets.delete(old.id).catch(() => false);
      write(this.db, () => this.records.updateKey(old.id, { has_secret: 0 }, this.progress.now()));
    }
    const fin = detailOf(this.journal.get(rotationId)!);
    if (warnings.length) fin.warning = warnings.join(' ');
    fin.steps.push({ step: 'finish', state: 'done', at: this.progress.now() });
    write(this.db, () => this.journal.update(rotationId, this.progress.now(), { step: 'finish', state: 'done', error_code: null, detail: fin }));
    this.progress.emit(rotationId, old.id, 'finish', 'done', `"${old.name}" rotated`);
    this.progress.changed();
    this.retirement.scheduleNext();
    return this.result(rotationId, secret, ctx.hideSecret, retire, usages, warnings);
  }

  result(rotationId: string, secret: string, hide: boolean | undefined, retire: RotationResult['retire'], usages: UsageReport[], warnings: string[]): RotationResult {
    const row = this.journal.get(rotationId)!;
    return {
      rotationId, state: row.state, newKey: this.records.summary(row.new_key_id), oldKey: this.records.summary(row.key_id), retire, usages,
      ...(hide ? {} : { secret }), ...(warnings.length ? { warning: warnings.join(' ') } : {}),
    };
  }
}
