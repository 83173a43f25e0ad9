import { PROVIDERS, type ProviderId } from '../../../shared/domain';
import type { RotationResult, UsageReport } from '../../../shared/contract/rotation';
import type { ErrorCode } from '../../../shared/result';
import { AppError } from '../errors';
import type { RemoteKey } from '../providers';
import { write } from '../store/database';
import type { WorkspaceRow } from '../store/rows';
import { maskSecret } from '../vault/mask';
import { crashPoint } from './crash-hook';
import { detailOf, type Plan, type RotationDetail, type RotationRow } from './journal';
import { RotationContext } from './context';
import { type Row, DAY } from './context';

/** The forward path of a rotation after the provider answered: commit, verify, retire, usages, finish. */
export abstract class RotationSteps extends RotationContext {
  /** Implemented by the retirement layer: re-plan the timer after a grace deletion was recorded. */
  protected abstract scheduleNext(): void;

  /** Metadata: the new key row, the old key superseded (and the workspace's management key moved). One transaction. */
  protected async commitNew(rotationId: string, c: { plan: Plan; remote: RemoteKey; secret: string; method: NonNullable<RotationDetail['method']>; oldValidUntil: string | null; validFrom?: string | null }): Promise<void> {
    const row = this.journal.get(rotationId)!;
    const det = detailOf(row);
    const old = this.key(row.key_id);
    const ws = this.keyWorkspace(old);
    const fingerprint = await this.fingerprints.of(c.secret);
    const now = this.now();
    write(this.d.db, () => {
      if (!this.keysRepo.get(row.new_key_id)) {
        this.insertKey({ id: row.new_key_id, ws, remote: c.remote, name: c.remote.name || det.name, secret: c.secret, fingerprint, source: 'created', validFrom: c.validFrom ?? null, projectId: c.remote.projectId ?? old.project_id });
      }
      this.updateKey(old.id, { superseded_by: row.new_key_id }, now);
      if (ws.management_key_id === old.id) this.workspaces.update(ws.id, { management_key_id: row.new_key_id }, now);
      this.append({ kind: 'rotated', keyId: old.id, workspaceId: ws.id, summary: `Rotated "${old.name}" in ${ws.name}: new key ${maskSecret(c.secret)} (${c.method})` });
      det.method = c.method;
      det.oldValidUntil = c.oldValidUntil;
      det.steps.push({ step: 'metadata', state: 'done', at: now });
      this.journal.update(rotationId, now, { step: 'metadata', plan: c.plan, new_remote_id: c.remote.remoteId || null, detail: det });
    });
    this.changed();
    this.progress(rotationId, old.id, 'metadata', 'done', 'New key recorded; the old one is marked as replaced');
    crashPoint('metadata', c.plan);
  }

  /** verify → retire → usages → finish, from wherever the journal says it stopped. */
  protected async advance(rotationId: string, ctx: { secret?: string; verified?: boolean; warning?: string; hideSecret?: boolean }): Promise<RotationResult> {
    let row = this.journal.get(rotationId)!;
    const plan = row.plan as Plan;
    const old = this.key(row.key_id);
    const ws = this.keyWorkspace(old);
    const info = PROVIDERS[ws.provider as ProviderId];
    const secret = ctx.secret ?? (await this.d.secrets.get(row.new_key_id));
    const warnings: string[] = ctx.warning ? [ctx.warning] : [];
    if (secret === null) {
      this.needsAttention(row, 'keychain_unavailable', `The keychain no longer holds the new key of "${old.name}". Reveal is impossible; rotate again.`);
      throw new AppError('keychain_unavailable', `The keychain no longer holds the new key of "${old.name}". Rotate it again.`);
    }
    let verifiedOk = true;
    if (row.step === 'metadata') {
      this.progress(rotationId, old.id, 'verify', 'started', `Checking the new key with ${info.label}`);
      let state: 'valid' | 'rejected' | 'forbidden' | 'error' = ctx.verified ? 'valid' : 'error';
      let code: ErrorCode | undefined;
      if (!ctx.verified) {
        try {
          state = (await this.clientFor(ws, secret).probe()).state;
        } catch (e) {
          code = e instanceof AppError ? e.code : 'internal';
        }
      }
      verifiedOk = state === 'valid' || state === 'forbidden';
      // A failed verify stays at 'metadata' (Kernle's old key is gone already, so it goes on regardless).
      this.stepDone(rotationId, 'verify', verifiedOk || plan === 'kernle-cycle' ? 'done' : 'failed', code ?? (state === 'rejected' ? 'auth_failed' : undefined));
      if (verifiedOk) this.append({ kind: 'verified', keyId: row.new_key_id, workspaceId: ws.id, summary: `Verified the new key of "${old.name}" with ${info.label}` });
      else {
        warnings.push(`The new key could not be verified (${code ?? state}); the old key was kept working. Retry from "Needs attention".`);
        this.append({ kind: 'failed', keyId: row.new_key_id, workspaceId: ws.id, summary: `Verifying the new key of "${old.name}" failed (${code ?? state})` });
      }
      crashPoint('verify', plan);
      row = this.journal.get(rotationId)!;
    }
    const det = detailOf(row);
    let retire: RotationResult['retire'] = { method: 'kept', validUntil: null, tokenPage: null };
    if (!verifiedOk && plan !== 'kernle-cycle') {
      // Destructive retirement waits for a verified new key.
      this.needsAttention(row, 'auth_failed', `The new key of "${old.name}" could not be verified; the old key was kept. Retry to check again.`);
      return this.result(rotationId, secret, ctx.hideSecret, retire, [], warnings);
    }
    if (row.step === 'verify') {
      this.progress(rotationId, old.id, 'retire', 'started', 'Retiring the old key');
      retire = await this.retireOld(row, det, old, ws, warnings);
      this.stepDone(rotationId, 'retire', 'done');
      crashPoint('retire', plan);
      row = this.journal.get(rotationId)!;
    } else {
      retire = this.retireView(this.key(old.id), ws, plan);
    }
    let usages: UsageReport[] = [];
    if (row.step === 'retire') {
      this.progress(rotationId, old.id, 'usages', 'started', 'Updating recorded .env files');
      // The old secret is only compared with recorded .env values: with none recorded, no keychain read.
      const recorded = this.usages.rows(old.id).length > 0 || this.usages.rows(row.new_key_id).length > 0;
      const oldSecret = recorded ? await this.d.secrets.get(old.id) : null;
      usages = this.usages.apply(old.id, row.new_key_id, oldSecret, secret, this.d.settings.get().envBackup);
      const bad = usages.filter((u) => u.outcome !== 'updated');
      if (bad.length) warnings.push(`${bad.length} recorded .env file(s) were not updated: ${bad.map((u) => u.filePath).join(', ')}.`);
      this.stepDone(rotationId, 'usages', 'done');
      crashPoint('usages', plan);
    }
    // Finish: a dead old key's secret has no use left.
    const oldNow = this.key(old.id);
    if (oldNow.revoked_at && oldNow.has_secret) {
      await this.d.secrets.delete(old.id).catch(() => false);
      write(this.d.db, () => this.updateKey(old.id, { has_secret: 0 }, this.now()));
    }
    const fin = detailOf(this.journal.get(rotationId)!);
    if (warnings.length) fin.warning = warnings.join(' ');
    fin.steps.push({ step: 'finish', state: 'done', at: this.now() });
    write(this.d.db, () => this.journal.update(rotationId, this.now(), { step: 'finish', state: 'done', error_code: null, detail: fin }));
    this.progress(rotationId, old.id, 'finish', 'done', `"${old.name}" rotated`);
    this.changed();
    this.scheduleNext();
    return this.result(rotationId, secret, ctx.hideSecret, retire, usages, warnings);
  }

  protected async retireOld(row: RotationRow, det: RotationDetail, old: Row, ws: WorkspaceRow, warnings: string[]): Promise<RotationResult['retire']> {
    const plan = row.plan as Plan;
    const now = this.d.clock.now();
    const g = det.graceSeconds ?? 0;
    const at = (s: number) => new Date(Date.parse(det.startedAt) + s * 1000).toISOString();
    if (plan === 'kernle-cycle') {
      await this.markRevoked(old, ws, `"${old.name}" stopped working when Kernle cycled it`, false);
      return { method: 'immediate', validUntil: null, tokenPage: null };
    }
    if (plan === 'guided') {
      write(this.d.db, () => this.updateKey(old.id, { retire_mode: 'web-ui' }, now.toISOString()));
      return { method: 'web-ui', validUntil: null, tokenPage: this.tokenPageUrl(ws) };
    }
    if (plan === 'kernel-rotate' && g % DAY === 0) {
      // The service retires it: expire_in_days whole days (0 = now).
      const until = det.oldValidUntil ?? at(g);
      write(this.d.db, () => this.updateKey(old.id, { grace_until: until, expires_at: until }, now.toISOString()));
      return { method: g === 0 ? 'immediate' : 'grace', validUntil: until, tokenPage: null };
    }
    if (g > 0) {
      // Sub-day grace (rotated with 1 day), or no /rotate at all: Keydeck deletes it at the chosen time.
      const until = at(g);
      write(this.d.db, () => this.updateKey(old.id, { grace_until: until, retire_mode: 'api' }, now.toISOString()));
      return { method: 'scheduled', validUntil: until, tokenPage: null };
    }
    try {
      // The old secret stays until the .env files are updated; finish drops it.
      await this.revokeRemote(ws, this.key(old.id), false);
      return { method: 'deleted', validUntil: null, tokenPage: null };
    } catch (e) {
      const code = e instanceof AppError ? e.code : 'internal';
      write(this.d.db, () => this.updateKey(old.id, { grace_until: now.toISOString(), retire_mode: 'api' }, now.toISOString()));
      warnings.push(`The old key could not be deleted yet (${code}); Keydeck tries again at next start, or use "Revoke now".`);
      return { method: 'scheduled', validUntil: now.toISOString(), tokenPage: null };
    }
  }

  protected retireView(old: Row, ws: WorkspaceRow, plan: Plan): RotationResult['retire'] {
    if (old.revoked_at) return { method: plan === 'kernle-cycle' ? 'immediate' : 'deleted', validUntil: null, tokenPage: null };
    if (old.retire_mode === 'web-ui') return { method: 'web-ui', validUntil: null, tokenPage: this.tokenPageUrl(ws) };
    if (old.retire_mode === 'api') return { method: 'scheduled', validUntil: old.grace_until, tokenPage: null };
    if (old.grace_until) return { method: 'grace', validUntil: old.grace_until, tokenPage: null };
    return { method: 'kept', validUntil: null, tokenPage: null };
  }

  protected result(rotationId: string, secret: string, hide: boolean | undefined, retire: RotationResult['retire'], usages: UsageReport[], warnings: string[]): RotationResult {
    const row = this.journal.get(rotationId)!;
    return {
      rotationId, state: row.state, newKey: this.summary(row.new_key_id), oldKey: this.summary(row.key_id), retire, usages,
      ...(hide ? {} : { secret }), ...(warnings.length ? { warning: warnings.join(' ') } : {}),
    };
  }
}
