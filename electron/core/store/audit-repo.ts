import type { AuditKind } from '../../../shared/domain';
import type { Db } from './database';
import type { AuditRow } from './rows';

export interface AuditEntry {
  kind: AuditKind;
  keyId?: string | null;
  workspaceId?: string | null;
  /** Names and ids only. Never pass anything derived from a secret. */
  summary: string;
}

export class AuditRepo {
  constructor(private readonly db: Db) {}

  append(at: string, entry: AuditEntry): void {
    this.db
      .prepare(`INSERT INTO audit_events (at, kind, key_id, workspace_id, summary) VALUES (?, ?, ?, ?, ?)`)
      .run(at, entry.kind, entry.keyId ?? null, entry.workspaceId ?? null, entry.summary);
  }

  list(filter: { keyId?: string; workspaceId?: string; limit: number }): AuditRow[] {
    const where: string[] = [];
    const params: Array<string | number> = [];
    if (filter.keyId) {
      where.push('key_id = ?');
      params.push(filter.keyId);
    }
    if (filter.workspaceId) {
      where.push('workspace_id = ?');
      params.push(filter.workspaceId);
    }
    const sql = `SELECT * FROM audit_events ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
    return this.db.prepare(sql).all(...params, filter.limit) as AuditRow[];
  }
}
