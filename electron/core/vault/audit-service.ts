import type { AuditEvent } from '../../../shared/domain';
import type { ParsedInput } from '../../../shared/contract';
import { AuditRepo } from '../store/audit-repo';
import type { Db } from '../store/database';

export class AuditService {
  private readonly repo: AuditRepo;
  constructor(db: Db) {
    this.repo = new AuditRepo(db);
  }

  list(filter: ParsedInput<'audit.list'>): AuditEvent[] {
    return this.repo.list(filter).map((r) => ({ id: r.id, at: r.at, kind: r.kind as AuditEvent['kind'], keyId: r.key_id, workspaceId: r.workspace_id, summary: r.summary }));
  }
}
