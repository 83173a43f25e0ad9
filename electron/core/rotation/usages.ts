import { randomBytes } from '../crypto';
import { realpathSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { ParsedInput } from '../../../shared/contract';
import type { Usage, UsageReport } from '../../../shared/contract/rotation';
import { AppError, notFound } from '../errors';
import { write, type Db } from '../store/database';
import { KeysRepo } from '../store/keys-repo';
import type { Clock, EventSink } from '../ports';
import { rewriteEnvFile } from './env-file';

interface UsageRow {
  id: string;
  key_id: string;
  env_var: string;
  file_path: string;
  created_at: string;
  last_written_at: string | null;
  last_outcome: string | null;
}

const toUsage = (r: UsageRow): Usage => ({ id: r.id, keyId: r.key_id, envVar: r.env_var, filePath: r.file_path, createdAt: r.created_at, lastWrittenAt: r.last_written_at, lastOutcome: r.last_outcome });

/**
 * One spelling per file, so `/app/../app/.env` and `/app/.env` are one usage: the folder is
 * resolved through links (it must exist to be useful, but a missing one is kept as typed, made
 * absolute); the file name itself is kept, so a `.env` that is a link stays a link, followed
 * deliberately at rewrite time.
 */
export function canonicalPath(path: string): string {
  const absolute = resolve(path);
  try {
    return join(realpathSync(dirname(absolute)), basename(absolute));
  } catch {
    return absolute;
  }
}

/** Where keys are used (env var + `.env` path), and the rewrite after a rotation. */
export class UsageService {
  private readonly keys: KeysRepo;
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly events: EventSink,
  ) {
    this.keys = new KeysRepo(db);
  }

  list(keyId: string): Usage[] {
    return this.rows(keyId).map(toUsage);
  }

  add(input: ParsedInput<'usages.add'>): Usage {
    if (!this.keys.get(input.keyId)) throw notFound('key', input.keyId);
    const id = `u_${randomBytes(8).toString('hex')}`;
    const now = this.clock.now().toISOString();
    const filePath = canonicalPath(input.filePath);
    try {
      write(this.db, () =>
        this.db.prepare(`INSERT INTO key_usages (id, key_id, env_var, file_path, created_at) VALUES (?, ?, ?, ?, ?)`).run(id, input.keyId, input.envVar, filePath, now),
      );
    } catch {
      throw new AppError('conflict', `${input.envVar} in ${filePath} is already recorded for this key.`, { fields: { filePath: 'is already recorded' } });
    }
    this.events.emit({ name: 'vault.changed', payload: { scope: 'keys' } });
    return toUsage(this.db.prepare(`SELECT * FROM key_usages WHERE id = ?`).get(id) as UsageRow);
  }

  remove(id: string): { id: string } {
    const n = write(this.db, () => this.db.prepare(`DELETE FROM key_usages WHERE id = ?`).run(id).changes);
    if (n === 0) throw notFound('usage', id);
    return { id };
  }

  rows(keyId: string): UsageRow[] {
    return this.db.prepare(`SELECT * FROM key_usages WHERE key_id = ? ORDER BY created_at, id`).all(keyId) as UsageRow[];
  }

  stale(): UsageRow[] {
    return this.db.prepare(`SELECT * FROM key_usages WHERE last_outcome IN ('stale', 'missing', 'failed', 'skipped') ORDER BY created_at`).all() as UsageRow[];
  }

  dismiss(id: string): boolean {
    return write(this.db, () => this.db.prepare(`UPDATE key_usages SET last_outcome = 'dismissed' WHERE id = ?`).run(id).changes > 0);
  }

  /**
   * After a rotation: every usage recorded on the old (or already the new) key gets the new value
   * and moves to the new key. Idempotent, so the reconciler can run it again after a crash.
   */
  apply(oldKeyId: string, newKeyId: string, oldSecret: string | null, newSecret: string, backup: boolean): UsageReport[] {
    const reports: UsageReport[] = [];
    for (const u of [...this.rows(oldKeyId), ...this.rows(newKeyId)]) {
      const r = rewriteEnvFile(u.file_path, u.env_var, oldSecret, newSecret, backup);
      const now = this.clock.now().toISOString();
      write(this.db, () => {
        // A usage already recorded on the new key wins; the old key's duplicate goes.
        const dup = u.key_id !== newKeyId && this.rows(newKeyId).some((x) => x.env_var === u.env_var && x.file_path === u.file_path);
        if (dup) this.db.prepare(`DELETE FROM key_usages WHERE id = ?`).run(u.id);
        else this.db.prepare(`UPDATE key_usages SET key_id = ?, last_outcome = ?, last_written_at = CASE WHEN ? = 'updated' THEN ? ELSE last_written_at END WHERE id = ?`).run(newKeyId, r.outcome, r.outcome, now, u.id);
      });
      reports.push({ usageId: u.id, envVar: u.env_var, filePath: u.file_path, outcome: r.outcome, message: r.message });
    }
    return reports;
  }
}
