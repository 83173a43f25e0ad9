import type { Db } from '../store/database';
import type { KeyRow } from '../store/rows';

export interface SyncStateRow {
  workspace_id: string;
  project_id: string | null;
  api_shape: string | null;
  identity: string | null;
  last_synced_at: string | null;
  last_error_code: string | null;
  last_error_at: string | null;
  retry_after?: string | null;
}

const KEY_COLUMNS = [
  'id', 'workspace_id', 'provider', 'remote_id', 'name', 'masked', 'fingerprint', 'scopes', 'project_id', 'created_at',
  'expires_at', 'last_used_at', 'revoked_at', 'grace_until', 'remote_deleted_at', 'has_secret', 'source', 'updated_at',
] as const;
export type SyncedKeyRow = Pick<KeyRow, (typeof KEY_COLUMNS)[number]>;

/** The SQL the sync needs: remote-linked key rows and the per-workspace sync state. */
export class SyncRepo {
  constructor(private readonly db: Db) {}

  state(workspaceId: string): SyncStateRow | undefined {
    return this.db.prepare(`SELECT * FROM workspace_sync WHERE workspace_id = ?`).get(workspaceId) as SyncStateRow | undefined;
  }

  allStates(): SyncStateRow[] {
    return this.db.prepare(`SELECT * FROM workspace_sync`).all() as SyncStateRow[];
  }

  saveState(workspaceId: string, fields: Partial<Omit<SyncStateRow, 'workspace_id'>>): void {
    this.db.prepare(`INSERT INTO workspace_sync (workspace_id) VALUES (?) ON CONFLICT(workspace_id) DO NOTHING`).run(workspaceId);
    const cols = Object.keys(fields);
    if (cols.length === 0) return;
    this.db.prepare(`UPDATE workspace_sync SET ${cols.map((c) => `${c} = @${c}`).join(', ')} WHERE workspace_id = @workspace_id`).run({ ...fields, workspace_id: workspaceId });
  }

  linkedKeys(workspaceId: string): KeyRow[] {
    return this.db.prepare(`SELECT * FROM keys WHERE workspace_id = ? AND remote_id IS NOT NULL`).all(workspaceId) as KeyRow[];
  }

  insertKey(row: SyncedKeyRow): void {
    this.db.prepare(`INSERT INTO keys (${KEY_COLUMNS.join(', ')}) VALUES (${KEY_COLUMNS.map((c) => `@${c}`).join(', ')})`).run(row);
  }

  updateKey(id: string, fields: Partial<SyncedKeyRow>): void {
    const cols = Object.keys(fields);
    if (cols.length === 0) return;
    this.db.prepare(`UPDATE keys SET ${cols.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`).run({ ...fields, id });
  }

  deleteKey(id: string): void {
    this.db.prepare(`DELETE FROM keys WHERE id = ?`).run(id);
  }
}
