import { PROVIDERS, type ProviderId } from '../../../shared/domain';
import type { RotationResult, RotationStep } from '../../../shared/contract/rotation';
import type { ErrorCode } from '../../../shared/result';
import { AppError } from '../errors';
import { ProviderError } from '../http';
import type { ProviderClient, RemoteKey } from '../providers';
import type { Logger, SecretStore } from '../ports';
import { write, type Db } from '../store/database';
import type { WorkspaceRow } from '../store/rows';
import { maskedMatches } from '../sync/match-masked';
import type { Fingerprinter } from '../vault/fingerprint';
import { maskSecret } from '../vault/mask';
import type { RotationClients } from './clients';
import { detailOf, type Journal, type RotationRow, type RotationState } from './journal';
import type { KeychainStep } from './keychain-step';
import { CREATE_PLAN, GUIDED_PLAN, lifetimeOf, planner } from './planner';
import type { RotationProgress } from './progress';
import type { RotationRecords } from './records';
import type { Retirement } from './retirement';
import type { StepRunner } from './step-runner';

export type Outcome = { state: RotationState; message: string; result?: RotationResult };

/** No answer, or an answer Keydeck could not read: the service may have applied the call, so look, never resend. */
export function mayHaveApplied(e: unknown): e is ProviderError {
  return e instanceof ProviderError && (e.ambiguous || e.code === 'malformed_response' || e.code === 'response_too_large');
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Finishes or undoes what a crash or an ambiguous answer left: by listing, never by calling again. */
export class Reconciler {
  constructor(
    private readonly db: Db,
    private readonly secrets: SecretStore,
    private readonly journal: Journal,
    private readonly records: RotationRecords,
    private readonly clients: RotationClients,
    private readonly progress: RotationProgress,
    private readonly steps: StepRunner,
    private readonly keychain: KeychainStep,
    private readonly retirement: Retirement,
    private readonly fingerprints: Fingerprinter,
    private readonly logger: Logger,
  ) {}

  /**
   * Run at every start (app and CLI): finishes or undoes every unfinished journal row, then
   * deletes old keys whose Keydeck-managed grace has passed. Rows of a process that is still
   * alive (the app while the CLI starts) are left to it.
   */
  async reconcile(): Promise<{ reconciled: number; attention: number }> {
    let reconciled = 0;
    for (const row of this.journal.open()) {
      const det = detailOf(row);
      if (det.pid !== process.pid && alive(det.pid)) continue;
      if (det.pid === process.pid) continue;
      try {
        await this.row(row);
        reconciled++;
      } catch (e) {
        this.logger.warn('reconcile failed', { rotationId: row.id, code: e instanceof AppError ? e.code : 'internal' });
      }
    }
    await this.retirement.retireDue();
    return { reconciled, attention: this.journal.attention().length };
  }

  /** A provider call failed: when it may have been applied (a create), look at the key list; otherwise nothing changed. */
  async providerFailed(rotationId: string, e: unknown, what: string): Promise<void> {
    const code: ErrorCode = e instanceof AppError ? e.code : 'internal';
    const row = this.journal.get(rotationId)!;
    if (mayHaveApplied(e) && row.plan === CREATE_PLAN) {
      this.progress.setState(rotationId, 'uncertain', 'provider', code, `${what} got no answer (${code}); Keydeck is checking the key list.`);
      await this.row(this.journal.get(rotationId)!).catch(() => null);
      return;
    }
    this.progress.fail(rotationId, code, `${what} failed (${code}). Nothing was changed.`);
  }

  /** Finishes or undoes one row. Looks (lists keys), never repeats a non-idempotent call blindly. */
  async row(row: RotationRow, byUser = false): Promise<Outcome> {
    const det = detailOf(row);
    const committed = ['metadata', 'verify', 'retire', 'usages'].includes(row.step) || !!this.records.keysRepo.get(row.new_key_id);
    if (row.state === 'done') return { state: 'done', message: 'Already finished.' };
    if (committed && row.plan !== CREATE_PLAN) {
      if (byUser || row.state !== 'running') this.progress.setState(row.id, 'running', row.step as RotationStep, null, det.message ?? '');
      const result = await this.steps.advance(row.id, {});
      return { state: result.state, message: result.warning ?? 'Finished.', result };
    }
    const ws = row.workspace_id ? this.records.workspaces.get(row.workspace_id) : undefined;
    if (!ws) return this.progress.needsAttention(row, 'internal', `The workspace of "${det.name}" no longer exists; check the service's key list by hand.`);
    if (row.plan === CREATE_PLAN && committed) return this.finishUnsavedCreate(row);
    const secret = await this.keychain.read(row.new_key_id);

    if (row.plan === GUIDED_PLAN) {
      if (secret === null) {
        return this.progress.needsAttention(row, 'internal', `A token pasted for "${det.name}" may not have been saved before Keydeck stopped. The old token still works. Paste the new token again, or revoke it in the web app.`);
      }
      const old = this.records.key(row.key_id);
      const remote: RemoteKey = { remoteId: '', name: det.name, masked: maskSecret(secret), scopes: det.guided?.scopes ?? (JSON.parse(old.scopes) as string[]), projectId: null, createdAt: det.startedAt, expiresAt: det.guided?.expiresAt ?? null, lastUsedAt: null, active: true, revokedAt: null, deletedAt: null };
      await this.steps.commitNew(row.id, { plan: GUIDED_PLAN, remote, secret, method: 'guided', oldValidUntil: null, validFrom: det.guided?.validFrom ?? null });
      const result = await this.steps.advance(row.id, { secret, hideSecret: true });
      return { state: result.state, message: 'Adopted the pasted token that reached the keychain.', result };
    }

    let client: ProviderClient;
    let remote: RemoteKey[];
    try {
      client = await this.clients.management(ws);
      remote = await client.list();
    } catch (e) {
      const code = e instanceof AppError ? e.code : 'internal';
      this.progress.setState(row.id, 'uncertain', row.step as RotationStep, code, `Keydeck could not list ${ws.name}'s keys (${code}) to finish the rotation of "${det.name}". It tries again at next start; you can also retry now.`);
      return { state: 'uncertain', message: `Could not list keys (${code}).` };
    }
    const held = this.records.heldRemoteIds(ws.id);
    const since = Date.parse(det.startedAt) - 10 * 60_000;
    const candidates = remote.filter(
      (k) => k.active && !k.deletedAt && k.remoteId !== det.oldRemoteId && !held.has(k.remoteId) && !(det.knownSameName ?? []).includes(k.remoteId) && (k.name === det.name || k.name === '') && (!k.createdAt || Date.parse(k.createdAt) >= since),
    );
    const match = secret ? (candidates.find((k) => maskedMatches(k.masked, secret)) ?? (candidates.length === 1 ? candidates[0] : undefined)) : undefined;
    const orphans = candidates.filter((k) => k !== match);
    const failedOrphans = await this.revokeOrphans(client, row, orphans);
    const oldRemote = det.oldRemoteId ? remote.find((k) => k.remoteId === det.oldRemoteId) : undefined;
    const oldExpiresAt = det.oldExpiresAt ?? null;
    const oldTouched = !!det.oldRemoteId && (!oldRemote || !oldRemote.active || !!oldRemote.deletedAt || (oldRemote.expiresAt ?? null) !== oldExpiresAt);
    if (failedOrphans.length) {
      return this.progress.needsAttention(row, 'provider_unavailable', `Keydeck found ${failedOrphans.length} key(s) named "${det.name}" in ${ws.name} that it has no secret for (${failedOrphans.join(', ')}) and could not delete them. Delete them at the service.`, failedOrphans);
    }

    if (row.plan === CREATE_PLAN) {
      if (secret !== null && match) {
        const fingerprint = await this.fingerprints.of(secret);
        write(this.db, () => {
          this.records.insertKey({ id: row.new_key_id, ws, remote: match, name: det.name, secret, fingerprint, source: 'created' });
          this.progress.append({ kind: 'created', keyId: row.new_key_id, workspaceId: ws.id, summary: `Created "${det.name}" in ${ws.name} (finished after a restart)` });
          this.journal.update(row.id, this.progress.now(), { step: 'finish', state: 'done', new_remote_id: match.remoteId });
        });
        this.progress.changed();
        return { state: 'done', message: `Adopted the created key "${det.name}".` };
      }
      if (secret !== null) await this.secrets.delete(row.new_key_id);
      this.progress.fail(row.id, 'internal', `Creating "${det.name}" was interrupted${orphans.length ? '; the half-made key was deleted' : ' before the service made it'}. Create it again.`);
      return { state: 'failed', message: 'Create undone.' };
    }

    const label = PROVIDERS[ws.provider as ProviderId].label;
    if (secret !== null && match) {
      // The secret reached the keychain: adopt the key the service made for it.
      const atomic = planner.methodOf(row.provider, row.plan) === 'atomic';
      const method = atomic ? 'cycle' : oldTouched ? 'rotate' : 'create-then-delete';
      await this.steps.commitNew(row.id, {
        plan: method === 'create-then-delete' ? planner.planFor(ws.provider, 'create-then-delete') : row.plan, remote: { ...match, name: match.name || det.name }, secret, method,
        oldValidUntil: method === 'rotate' ? (oldRemote?.expiresAt ?? null) : null,
      });
      const result = await this.steps.advance(row.id, { secret });
      return { state: result.state, message: 'Adopted the new key that reached the keychain.', result };
    }
    if (secret !== null) await this.secrets.delete(row.new_key_id);
    if (!oldTouched && orphans.length === 0 && row.state === 'uncertain') {
      // A slow service may still apply it later: say so, and let the user check again.
      this.progress.needsAttention(row, (row.error_code as ErrorCode | null) ?? 'network', `${label} did not answer the rotation of "${det.name}", and its key list shows no change yet. The old key still works. "Retry" checks the list again; rotate again once it shows nothing.`);
      return { state: 'needs_attention', message: 'No change found at the service yet; the old key is unchanged.' };
    }
    if (!oldTouched && orphans.length === 0) {
      this.progress.fail(row.id, (row.error_code as ErrorCode | null) ?? 'network', `The rotation of "${det.name}" stopped before ${label} changed anything. The old key is unchanged; rotate again.`);
      return { state: 'failed', message: 'Nothing had changed at the service; the old key is unchanged.' };
    }
    // Applied, but the new secret was lost: its orphan is gone (above); make a replacement so a
    // working key exists again, deliberately (after looking), with the management key.
    return this.replace(row, ws, client, oldRemote, oldTouched);
  }

  /** A create whose secret the keychain refused: store it now if this process still holds it; never delete the key. */
  private async finishUnsavedCreate(row: RotationRow): Promise<Outcome> {
    const det = detailOf(row);
    const secret = await this.keychain.retryUnsaved(row.id, row.new_key_id);
    if (secret === null) {
      return this.progress.needsAttention(row, 'keychain_unavailable', `The key "${det.name}" was created and shown once, but Keydeck quit before the keychain took it. If you saved it, it works; otherwise revoke it at the service.`);
    }
    write(this.db, () => this.journal.update(row.id, this.progress.now(), { step: 'finish', state: 'done', error_code: null }));
    this.progress.changed();
    return { state: 'done', message: `Stored "${det.name}" in the keychain.` };
  }

  private async replace(row: RotationRow, ws: WorkspaceRow, client: ProviderClient, oldRemote: RemoteKey | undefined, oldTouched: boolean): Promise<Outcome> {
    const det = detailOf(row);
    const old = this.records.keysRepo.get(row.key_id);
    if (old && ws.management_key_id === old.id && (!oldRemote || !oldRemote.active || oldRemote.deletedAt)) {
      return this.progress.needsAttention(row, 'auth_failed', `The management key of ${ws.name} was rotated but its new secret was lost. Create a key in the service's dashboard and connect the workspace again.`);
    }
    const provider = ws.provider as ProviderId;
    const atomic = PROVIDERS[provider].capabilities.rotate === 'atomic';
    let created;
    try {
      await this.keychain.prove(row.id, row.new_key_id, `make a replacement for "${det.name}"`);
      const lifetime = det.expiresInDays !== undefined ? det.expiresInDays : lifetimeOf(old?.created_at ?? null, det.oldExpiresAt ?? null);
      created = await client.create({ name: det.name, ...planner.createOptions(provider, { projectId: det.projectId, expiresInDays: lifetime }) });
    } catch (e) {
      const code = e instanceof AppError ? e.code : 'internal';
      return this.progress.needsAttention(row, code, `The rotation of "${det.name}" was applied but its new secret was lost; the half-made key was deleted, and making a replacement failed (${code}). Retry, or create a key by hand.`);
    }
    const stored = await this.keychain.store(row.id, row.new_key_id, created.secret);
    await this.steps.commitNew(row.id, {
      stored,
      plan: atomic ? row.plan : planner.planFor(provider, oldTouched ? 'atomic-with-grace' : 'create-then-delete'),
      remote: created.key, secret: created.secret, method: atomic ? 'cycle' : oldTouched ? 'rotate' : 'create-then-delete',
      oldValidUntil: oldTouched ? (oldRemote?.expiresAt ?? null) : null,
    });
    if (!stored) {
      const result = this.steps.unsaved(row.id, created.secret);
      return { state: result.state, message: result.warning ?? 'Not stored.', result };
    }
    const result = await this.steps.advance(row.id, { secret: created.secret, warning: `The first new key's secret was lost when Keydeck stopped; it was deleted and replaced by "${det.name}" (${maskSecret(created.secret)}).` });
    return { state: result.state, message: 'Replaced a new key whose secret was lost.', result };
  }

  private async revokeOrphans(client: ProviderClient, row: RotationRow, orphans: RemoteKey[]): Promise<string[]> {
    const failed: string[] = [];
    for (const o of orphans) {
      try {
        await client.revoke(o.remoteId);
      } catch (e) {
        if (e instanceof ProviderError && e.code === 'not_found') continue;
        failed.push(o.remoteId);
        continue;
      }
      this.progress.append({ kind: 'revoked', keyId: null, workspaceId: row.workspace_id, summary: `Deleted key ${o.remoteId} ("${o.name}"): a rotation made it but its secret never reached the keychain` });
    }
    const det = detailOf(row);
    if (orphans.length) write(this.db, () => this.journal.update(row.id, this.progress.now(), { detail: { ...det, orphans: orphans.map((o) => o.remoteId) } }));
    return failed;
  }
}
