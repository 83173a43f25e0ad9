import type { Db } from './database';
import type { KeyRow } from './rows';

export interface KeyFilter {
  query?: string;
  workspaceId?: string;
  provider?: string;
}

export class KeysRepo {
  constructor(private readonly db: Db) {}

  insert(row: KeyRow): void {
    const cols = Object.keys(row);
    this.db.prepare(`INSERT INTO keys (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(row);
  }

  get(id: string): KeyRow | undefined {
    return this.db.prepare(`SELECT * FROM keys WHERE id = ?`).get(id) as KeyRow | undefined;
  }

  findByFingerprint(fingerprint: string): KeyRow | undefined {
    return this.db.prepare(`SELECT * FROM keys WHERE fingerprint = ?`).get(fingerprint) as KeyRow | undefined;
  }

  listByWorkspace(workspaceId: string): KeyRow[] {
    return this.db.prepare(`SELECT * FROM keys WHERE workspace_id = ?`).all(workspaceId) as KeyRow[];
  }

  /** Search covers what a person remembers of a key: its name, masked form, scopes and project. */
  list(filter: KeyFilter): KeyRow[] {
    const where: string[] = [];
    const params: Record<string, string> = {};
    if (filter.workspaceId) {
      where.push('workspace_id = @workspaceId');
      params.workspaceId = filter.workspaceId;
    }
    if (filter.provider) {
      where.push('provider = @provider');
      params.provider = filter.provider;
    }
    if (filter.query) {
      where.push(`(name LIKE @q ESCAPE '\\' OR masked LIKE @q ESCAPE '\\' OR scopes LIKE @q ESCAPE '\\' OR IFNULL(project_id, '') LIKE @q ESCAPE '\\')`);
      params.q = `%${filter.query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    }
    const sql = `SELECT * FROM keys ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY lower(name), created_at`;
    return this.db.prepare(sql).all(params) as KeyRow[];
  }

  delete(id: string): void {
    this.db.prepare(`DELETE FROM keys WHERE id = ?`).run(id);
  }
}
