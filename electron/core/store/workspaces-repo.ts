import type { Db } from './database';
import type { WorkspaceRow } from './rows';

const SELECT = `SELECT w.*, (SELECT COUNT(*) FROM keys k WHERE k.workspace_id = w.id) AS key_count,
  (SELECT s.last_synced_at FROM workspace_sync s WHERE s.workspace_id = w.id) AS last_synced_at FROM workspaces w`;

export class WorkspacesRepo {
  constructor(private readonly db: Db) {}

  list(): WorkspaceRow[] {
    return this.db.prepare(`${SELECT} ORDER BY w.provider, lower(w.name)`).all() as WorkspaceRow[];
  }

  get(id: string): WorkspaceRow | undefined {
    return this.db.prepare(`${SELECT} WHERE w.id = ?`).get(id) as WorkspaceRow | undefined;
  }

  findByName(provider: string, name: string): WorkspaceRow | undefined {
    return this.db
      .prepare(`${SELECT} WHERE w.provider = ? AND lower(w.name) = lower(?)`)
      .get(provider, name) as WorkspaceRow | undefined;
  }

  insert(row: Omit<WorkspaceRow, 'key_count'>): void {
    this.db
      .prepare(
        `INSERT INTO workspaces (id, name, provider, base_url, environment, color, management_key_id, provider_options, created_at, updated_at)
         VALUES (@id, @name, @provider, @base_url, @environment, @color, @management_key_id, @provider_options, @created_at, @updated_at)`,
      )
      .run({ provider_options: null, ...row });
  }

  update(id: string, fields: Partial<Pick<WorkspaceRow, 'name' | 'base_url' | 'environment' | 'color' | 'management_key_id' | 'provider_options' | 'policy_max_days' | 'policy_no_never' | 'policy_rotate_days'>>, updatedAt: string): void {
    const sets = Object.keys(fields).map((k) => `${k} = @${k}`);
    this.db.prepare(`UPDATE workspaces SET ${[...sets, 'updated_at = @updated_at'].join(', ')} WHERE id = @id`).run({ ...fields, id, updated_at: updatedAt });
  }

  delete(id: string): void {
    this.db.prepare(`DELETE FROM workspaces WHERE id = ?`).run(id);
  }
}
