import { PROVIDERS, type KeySummary, type ProviderId } from '../../../shared/domain';
import type { RotationResult, RotationStep } from '../../../shared/contract/rotation';
import type { ErrorCode } from '../../../shared/result';
import { AppError, notFound } from '../errors';
import { ProviderError } from '../http';
import type { ProviderClient, ProviderRegistry, RemoteKey } from '../providers';
import type { Clock, EventSink, Logger, SecretStore } from '../ports';
import type { Timers } from '../expiry/scheduler';
import type { SettingsService } from '../settings/settings-service';
import { AuditRepo, type AuditEntry } from '../store/audit-repo';
import { write, type Db } from '../store/database';
import { KeysRepo } from '../store/keys-repo';
import type { KeyRow, WorkspaceRow } from '../store/rows';
import { WorkspacesRepo } from '../store/workspaces-repo';
import { SyncRepo } from '../sync/sync-repo';
import { Fingerprinter } from '../vault/fingerprint';
import { toSummary, type KeyService } from '../vault/key-service';
import { maskSecret } from '../vault/mask';
import { detailOf, Journal, type RotationRow, type RotationState } from './journal';
import { UsageService } from './usages';

export interface RotationDeps {
  db: Db;
  secrets: SecretStore;
  keys: KeyService;
  providers: ProviderRegistry;
  clock: Clock;
  events: EventSink;
  logger: Logger;
  settings: SettingsService;
  timers: Timers;
}

export type Row = KeyRow & { retire_mode?: string | null };
export type KeyFields = Partial<Pick<Row, 'revoked_at' | 'grace_until' | 'superseded_by' | 'retire_mode' | 'has_secret' | 'remote_deleted_at' | 'expires_at'>>;

export const DAY = 86_400;
export const DEFAULT_GRACE_SECONDS = 7 * DAY;

/**
 * What every rotation step shares: the repositories, the journal and the small helpers that
 * record progress. The layers above (steps, reconciler, retirement, attention, the service)
 * each add one concern.
 */
export abstract class RotationContext {
  readonly usages: UsageService;
  protected readonly journal: Journal;
  protected readonly keysRepo: KeysRepo;
  protected readonly workspaces: WorkspacesRepo;
  protected readonly syncRepo: SyncRepo;
  protected readonly audit: AuditRepo;
  protected readonly fingerprints: Fingerprinter;

  constructor(protected readonly d: RotationDeps) {
    this.journal = new Journal(d.db);
    this.keysRepo = new KeysRepo(d.db);
    this.workspaces = new WorkspacesRepo(d.db);
    this.syncRepo = new SyncRepo(d.db);
    this.audit = new AuditRepo(d.db);
    this.fingerprints = new Fingerprinter(d.secrets);
    this.usages = new UsageService(d.db, d.clock, d.events);
  }

  /** Implemented by the reconciler: an ambiguous provider failure is settled by looking. */
  protected abstract reconcileRow(row: RotationRow, byUser?: boolean): Promise<{ state: RotationState; message: string; result?: RotationResult }>;

  /** DELETE through the API; an ambiguous failure is checked by listing, not by deleting again. */
  protected async revokeRemote(ws: WorkspaceRow, key: Row, dropSecret = true): Promise<void> {
    if (!key.remote_id) throw new AppError('conflict', `"${key.name}" is not linked to a remote key.`);
    if (ws.management_key_id === key.id) throw new AppError('conflict', `"${key.name}" is the management key ${ws.name} uses; a key cannot revoke itself.`);
    const client = await this.managementClient(ws);
    try {
      await client.revoke(key.remote_id);
    } catch (e) {
      if (!(e instanceof ProviderError)) throw e;
      if (e.code !== 'not_found' && !e.ambiguous) {
        this.append({ kind: 'failed', keyId: key.id, workspaceId: ws.id, summary: `Revoking "${key.name}" failed (${e.code})` });
        throw e;
      }
      if (e.ambiguous) {
        const still = await client.list().then((all) => all.find((k) => k.remoteId === key.remote_id && k.active && !k.deletedAt), () => 'unknown' as const);
        if (still) {
          this.append({ kind: 'failed', keyId: key.id, workspaceId: ws.id, summary: `Revoking "${key.name}" got no answer (${e.code})` });
          throw new AppError(e.code, `The service did not answer the revocation of "${key.name}" (${e.code})${still === 'unknown' ? ' and its key list could not be checked' : ', and the key is still active'}. Try again later.`);
        }
      }
    }
    await this.markRevoked(key, ws, `Revoked "${key.name}" in ${ws.name} (${ws.environment})`, dropSecret);
  }

  protected async markRevoked(key: Row, ws: WorkspaceRow, summary: string, dropSecret = true): Promise<void> {
    const now = this.now();
    if (dropSecret) await this.d.secrets.delete(key.id).catch(() => false);
    write(this.d.db, () => {
      this.updateKey(key.id, { revoked_at: now, retire_mode: null, ...(dropSecret ? { has_secret: 0 } : {}) }, now);
      this.append({ kind: 'revoked', keyId: key.id, workspaceId: ws.id, summary });
    });
    this.changed();
  }

  // ───────────────────────────── small helpers ─────────────────────────────

  protected async storeSecret(rotationId: string, id: string, secret: string): Promise<void> {
    try {
      await this.d.secrets.set(id, secret);
    } catch {
      const row = this.journal.get(rotationId)!;
      this.needsAttention(row, 'keychain_unavailable', `The service made a new key for "${detailOf(row).name}" but the keychain refused to store it. Unlock the keychain, then retry.`);
      throw new AppError('keychain_unavailable', 'The keychain refused to store the new key. Unlock it and retry from "Needs attention"; Keydeck will clean up the half-made key.');
    }
  }

  protected async providerFailed(rotationId: string, e: unknown, what: string): Promise<void> {
    const code: ErrorCode = e instanceof AppError ? e.code : 'internal';
    const row = this.journal.get(rotationId)!;
    if (mayHaveApplied(e) && row.plan === 'create') {
      this.setState(rotationId, 'uncertain', 'provider', code, `${what} got no answer (${code}); Keydeck is checking the key list.`);
      await this.reconcileRow(this.journal.get(rotationId)!).catch(() => null);
      return;
    }
    this.fail(rotationId, code, `${what} failed (${code}). Nothing was changed.`);
  }

  protected fail(rotationId: string, code: ErrorCode | null, message: string): void {
    const row = this.journal.get(rotationId)!;
    const det = detailOf(row);
    det.message = message;
    det.steps.push({ step: row.step as RotationStep, state: 'failed', at: this.now(), ...(code ? { code } : {}) });
    write(this.d.db, () => {
      this.journal.update(rotationId, this.now(), { state: 'failed', error_code: code, detail: det });
      this.append({ kind: 'failed', keyId: row.key_id === row.new_key_id ? null : row.key_id, workspaceId: row.workspace_id, summary: message });
    });
    this.progress(rotationId, row.key_id, row.step as RotationStep, 'failed', message, code ?? undefined);
  }

  protected needsAttention(row: RotationRow, code: ErrorCode, message: string, orphans?: string[]): { state: RotationState; message: string } {
    const det = detailOf(this.journal.get(row.id)!);
    det.message = message;
    if (orphans) det.orphans = orphans;
    write(this.d.db, () => {
      this.journal.update(row.id, this.now(), { state: 'needs_attention', error_code: code, detail: det });
      this.append({ kind: 'failed', keyId: row.key_id, workspaceId: row.workspace_id, summary: message });
    });
    this.progress(row.id, row.key_id, row.step as RotationStep, 'failed', message, code);
    return { state: 'needs_attention', message };
  }

  protected setState(rotationId: string, state: RotationState, step: RotationStep, code: ErrorCode | null, message: string): void {
    const det = detailOf(this.journal.get(rotationId)!);
    det.message = message;
    write(this.d.db, () => this.journal.update(rotationId, this.now(), { state, error_code: code, detail: det }));
    const row = this.journal.get(rotationId)!;
    this.progress(rotationId, row.key_id, step, state === 'uncertain' ? 'uncertain' : 'started', message, code ?? undefined);
  }

  protected stepDone(rotationId: string, step: RotationStep, state: 'done' | 'failed', code?: ErrorCode): void {
    const row = this.journal.get(rotationId)!;
    const det = detailOf(row);
    det.steps.push({ step, state, at: this.now(), ...(code ? { code } : {}) });
    write(this.d.db, () => this.journal.update(rotationId, this.now(), state === 'done' ? { step, detail: det } : { detail: det }));
    this.progress(rotationId, row.key_id, step, state, state === 'done' ? `${step} done` : `${step} failed (${code})`, code);
  }

  protected progress(rotationId: string, keyId: string, step: RotationStep, state: 'started' | 'done' | 'failed' | 'uncertain' | 'skipped', message: string, code?: ErrorCode): void {
    this.d.events.emit({ name: 'rotation.progress', payload: { rotationId, keyId, step, state, message, ...(code ? { code } : {}) } });
  }

  protected insertKey(k: { id: string; ws: WorkspaceRow; remote: RemoteKey; name: string; secret: string; fingerprint: string; source: 'created' | 'imported'; validFrom?: string | null; projectId?: string | null }): void {
    const now = this.now();
    this.keysRepo.insert({
      id: k.id, workspace_id: k.ws.id, provider: k.ws.provider, remote_id: k.remote.remoteId || null, name: k.name, masked: maskSecret(k.secret), fingerprint: k.fingerprint,
      scopes: JSON.stringify(k.remote.scopes), project_id: k.projectId ?? k.remote.projectId, created_at: k.remote.createdAt ?? now, expires_at: k.remote.expiresAt, valid_from: k.validFrom ?? null,
      last_used_at: null, revoked_at: null, grace_until: null, remote_deleted_at: null, has_secret: 1, source: k.source, updated_at: now,
    });
  }

  protected updateKey(id: string, fields: KeyFields, now: string): void {
    const set: Record<string, unknown> = { ...fields, updated_at: now };
    const cols = Object.keys(set);
    this.d.db.prepare(`UPDATE keys SET ${cols.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`).run({ ...set, id });
  }

  protected append(entry: AuditEntry): void {
    this.audit.append(this.now(), entry);
  }

  protected assertRotatable(old: Row): void {
    if (old.revoked_at || old.remote_deleted_at) throw new AppError('conflict', `"${old.name}" is revoked or deleted; there is nothing to rotate.`);
    if (old.superseded_by) throw new AppError('conflict', `"${old.name}" was already replaced by a newer key. Rotate that one instead.`);
    if (this.journal.openForKey(old.id)) throw new AppError('conflict', `"${old.name}" is already being rotated. Wait for it to finish, or resolve it under "Needs attention".`);
  }

  protected async managementClient(ws: WorkspaceRow): Promise<ProviderClient> {
    if (!ws.management_key_id) throw new AppError('conflict', `"${ws.name}" is not connected. Connect it with a management key first.`);
    const token = await this.d.secrets.get(ws.management_key_id);
    if (token === null) throw new AppError('not_found', `The keychain no longer holds the management key of "${ws.name}". Connect the workspace again.`);
    return this.clientFor(ws, token);
  }

  /** A client as the workspace talks: its base URL and (kernel.sh) its project scope. */
  protected clientFor(ws: WorkspaceRow, token: string): ProviderClient {
    const projectId = ws.provider === 'kernel-sh' ? (this.syncRepo.state(ws.id)?.project_id ?? null) : null;
    return this.d.providers.clientFor(ws.provider as ProviderId, { baseUrl: ws.base_url, token, workspaceKey: ws.id, projectId });
  }

  protected knownSameName(workspaceId: string, name: string): string[] {
    return (this.d.db.prepare(`SELECT remote_id FROM keys WHERE workspace_id = ? AND name = ? AND remote_id IS NOT NULL`).all(workspaceId, name) as Array<{ remote_id: string }>).map((r) => r.remote_id);
  }

  /** Allow-listed: the provider's own page, on the workspace's own host when it is self-hosted or an imitation. */
  protected tokenPageUrl(ws: WorkspaceRow): string | null {
    const page = PROVIDERS[ws.provider as ProviderId].tokenPage;
    if (!page) return null;
    const base = new URL(ws.base_url);
    if (page.startsWith('/')) return `${base.origin}${page}`;
    const fixed = new URL(page);
    return fixed.host === base.host ? fixed.toString() : `${base.origin}${fixed.pathname}`;
  }

  protected key(id: string): Row {
    const row = this.keysRepo.get(id) as Row | undefined;
    if (!row) throw notFound('key', id);
    return row;
  }

  protected keyWorkspace(key: Row): WorkspaceRow {
    if (!key.workspace_id) throw new AppError('conflict', `"${key.name}" belongs to no workspace: add it to one that is connected to its service first.`);
    return this.workspace(key.workspace_id);
  }

  protected workspace(id: string): WorkspaceRow {
    const ws = this.workspaces.get(id);
    if (!ws) throw notFound('workspace', id);
    return ws;
  }

  protected summary(id: string): KeySummary {
    return toSummary(this.key(id), this.d.clock.now());
  }

  protected now(): string {
    return this.d.clock.now().toISOString();
  }

  protected changed(): void {
    this.d.events.emit({ name: 'vault.changed', payload: { scope: 'keys' } });
  }
}

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

export function lifetimeOf(createdAt: string | null, expiresAt: string | null): number | null {
  if (!expiresAt || !createdAt) return null;
  return Math.min(3650, Math.max(1, Math.round((Date.parse(expiresAt) - Date.parse(createdAt)) / 86_400_000)));
}

export const badAction = (action: string) => new AppError('invalid_input', `"${action}" does not apply to this item.`, { fields: { action: 'does not apply to this item' } });

