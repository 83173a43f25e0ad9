import type { KeySummary } from '../../../shared/domain';
import { AppError, notFound } from '../errors';
import type { RemoteKey } from '../providers';
import type { Clock } from '../ports';
import type { Db } from '../store/database';
import type { KeysRepo } from '../store/keys-repo';
import type { KeyRow, WorkspaceRow } from '../store/rows';
import type { WorkspacesRepo } from '../store/workspaces-repo';
import { toSummary } from '../vault/key-summary';
import { maskSecret } from '../vault/mask';
import type { Journal } from './journal';

export type Row = KeyRow & { retire_mode?: string | null };
export type KeyFields = Partial<Pick<Row, 'revoked_at' | 'grace_until' | 'superseded_by' | 'retire_mode' | 'has_secret' | 'remote_deleted_at' | 'expires_at'>>;

/** The key and workspace rows a rotation reads and writes; callers hold the transaction. */
export class RotationRecords {
  constructor(
    private readonly db: Db,
    readonly keysRepo: KeysRepo,
    readonly workspaces: WorkspacesRepo,
    private readonly journal: Journal,
    private readonly clock: Clock,
  ) {}

  key(id: string): Row {
    const row = this.keysRepo.get(id) as Row | undefined;
    if (!row) throw notFound('key', id);
    return row;
  }

  keyWorkspace(key: Row): WorkspaceRow {
    if (!key.workspace_id) throw new AppError('conflict', `"${key.name}" belongs to no workspace: add it to one that is connected to its service first.`);
    return this.workspace(key.workspace_id);
  }

  workspace(id: string): WorkspaceRow {
    const ws = this.workspaces.get(id);
    if (!ws) throw notFound('workspace', id);
    return ws;
  }

  summary(id: string): KeySummary {
    return toSummary(this.key(id), this.clock.now());
  }

  /** `hasSecret: false` records a key whose secret the keychain refused (it is held in memory and was shown once). */
  insertKey(k: { id: string; ws: WorkspaceRow; remote: RemoteKey; name: string; secret: string; fingerprint: string; source: 'created' | 'imported'; validFrom?: string | null; projectId?: string | null; hasSecret?: boolean }): void {
    const now = this.clock.now().toISOString();
    this.keysRepo.insert({
      id: k.id, workspace_id: k.ws.id, provider: k.ws.provider, remote_id: k.remote.remoteId || null, name: k.name, masked: maskSecret(k.secret), fingerprint: k.fingerprint,
      scopes: JSON.stringify(k.remote.scopes), project_id: k.projectId ?? k.remote.projectId, created_at: k.remote.createdAt ?? now, expires_at: k.remote.expiresAt, valid_from: k.validFrom ?? null,
      last_used_at: null, revoked_at: null, grace_until: null, remote_deleted_at: null, has_secret: k.hasSecret === false ? 0 : 1, source: k.source, updated_at: now,
    });
  }

  updateKey(id: string, fields: KeyFields, now: string): void {
    const set: Record<string, unknown> = { ...fields, updated_at: now };
    const cols = Object.keys(set);
    this.db.prepare(`UPDATE keys SET ${cols.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`).run({ ...set, id });
  }

  /** Remote ids already known locally with this name: never taken for a half-made key. */
  knownSameName(workspaceId: string, name: string): string[] {
    return (this.db.prepare(`SELECT remote_id FROM keys WHERE workspace_id = ? AND name = ? AND remote_id IS NOT NULL`).all(workspaceId, name) as Array<{ remote_id: string }>).map((r) => r.remote_id);
  }

  /** Remote ids of this workspace whose secrets Keydeck holds. */
  heldRemoteIds(workspaceId: string): Set<string> {
    return new Set((this.db.prepare(`SELECT remote_id FROM keys WHERE workspace_id = ? AND remote_id IS NOT NULL AND has_secret = 1`).all(workspaceId) as Array<{ remote_id: string }>).map((r) => r.remote_id));
  }

  assertRotatable(old: Row): void {
    if (old.revoked_at || old.remote_deleted_at) throw new AppError('conflict', `"${old.name}" is revoked or deleted; there is nothing to rotate.`);
    if (old.superseded_by) throw new AppError('conflict', `"${old.name}" was already replaced by a newer key. Rotate that one instead.`);
    if (this.journal.openForKey(old.id)) throw new AppError('conflict', `"${old.name}" is already being rotated. Wait for it to finish, or resolve it under "Needs attention".`);
  }
}
