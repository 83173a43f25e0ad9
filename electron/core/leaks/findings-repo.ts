import { randomBytes } from '../crypto';
import type { LeakFinding } from '../../../shared/contract/leaks';
import { write, type Db } from '../store/database';
import type { LeakEncoding } from './encodings';

export type SourceKind = LeakFinding['sourceKind'];

/** One place a key was found: never the value, never the line's text. */
export interface FoundAt {
  keyId: string;
  sourceKind: SourceKind;
  repo: string;
  commit: string;
  path: string;
  line: number;
  encoding: LeakEncoding;
  exposed: boolean;
}

interface FindingRow {
  id: string;
  key_id: string;
  key_name: string | null;
  source_kind: SourceKind;
  repo: string;
  commit_id: string;
  path: string;
  line: number;
  encoding: LeakEncoding;
  exposed: number;
  first_seen_at: string;
  resolved_at: string | null;
  resolution: 'marked' | 'rotated' | 'gone' | null;
}

const toFinding = (r: FindingRow): LeakFinding => ({
  id: r.id,
  keyId: r.key_id,
  keyName: r.key_name,
  sourceKind: r.source_kind,
  repo: r.repo || null,
  commit: r.commit_id || null,
  path: r.path,
  line: r.line,
  encoding: r.encoding,
  exposed: r.exposed === 1,
  firstSeenAt: r.first_seen_at,
  resolvedAt: r.resolved_at,
  resolution: r.resolution,
});

const SELECT = `SELECT f.*, k.name AS key_name FROM leak_findings f LEFT JOIN keys k ON k.id = f.key_id`;

/** The leak_findings table. A rescan finds the same place again: it is touched, never duplicated. */
export class FindingsRepo {
  constructor(private readonly db: Db) {}

  /** Records what a scan found; answers how many places are new (first seen now). */
  record(found: FoundAt[], now: string): number {
    if (found.length === 0) return 0;
    return write(this.db, () => {
      const insert = this.db.prepare(
        `INSERT INTO leak_findings (id, key_id, source_kind, repo, commit_id, path, line, encoding, exposed, first_seen_at, last_seen_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (key_id, source_kind, repo, commit_id, path, line, encoding) DO NOTHING`,
      );
      const touch = this.db.prepare(
        `UPDATE leak_findings SET last_seen_at = ?, exposed = MAX(exposed, ?),
           -- A file that holds the secret again after it was cleaned is open again.
           resolved_at = CASE WHEN resolution = 'gone' THEN NULL ELSE resolved_at END,
           resolution = CASE WHEN resolution = 'gone' THEN NULL ELSE resolution END
         WHERE key_id = ? AND source_kind = ? AND repo = ? AND commit_id = ? AND path = ? AND line = ? AND encoding = ?`,
      );
      let added = 0;
      for (const f of found) {
        const r = insert.run(`lf_${randomBytes(8).toString('hex')}`, f.keyId, f.sourceKind, f.repo, f.commit, f.path, f.line, f.encoding, f.exposed ? 1 : 0, now, now);
        if (r.changes === 1) added++;
        else touch.run(now, f.exposed ? 1 : 0, f.keyId, f.sourceKind, f.repo, f.commit, f.path, f.line, f.encoding);
      }
      return added;
    });
  }

  /** Open findings in one repository or file (known before this scan too: an incremental scan re-reads nothing old). */
  countOpenIn(where: { repo: string } | { path: string }): number {
    const r = 'repo' in where
      ? this.db.prepare(`SELECT COUNT(*) AS n FROM leak_findings WHERE repo = ? AND resolved_at IS NULL`).get(where.repo)
      : this.db.prepare(`SELECT COUNT(*) AS n FROM leak_findings WHERE repo = '' AND path = ? AND resolved_at IS NULL`).get(where.path);
    return (r as { n: number }).n;
  }

  /** A plain file scanned again without the secret: its findings there are fixed ("gone"). */
  resolveGone(sourceKind: SourceKind, path: string, stillThere: FoundAt[], now: string): void {
    const keep = new Set(stillThere.map((f) => `${f.keyId}\0${f.line}\0${f.encoding}`));
    const open = this.db.prepare(`SELECT id, key_id, line, encoding FROM leak_findings WHERE source_kind = ? AND path = ? AND repo = '' AND resolved_at IS NULL`).all(sourceKind, path) as Array<{ id: string; key_id: string; line: number; encoding: string }>;
    const gone = open.filter((r) => !keep.has(`${r.key_id}\0${r.line}\0${r.encoding}`));
    if (gone.length === 0) return;
    write(this.db, () => {
      const upd = this.db.prepare(`UPDATE leak_findings SET resolved_at = ?, resolution = 'gone' WHERE id = ?`);
      for (const r of gone) upd.run(now, r.id);
    });
  }

  /** A repository's uncommitted findings not seen again (committed, reverted or deleted since): gone. */
  resolveGoneInWorkTree(repo: string, stillThere: FoundAt[], now: string): void {
    const keep = new Set(stillThere.map((f) => `${f.keyId}\0${f.path}\0${f.line}\0${f.encoding}`));
    const open = this.db.prepare(`SELECT id, key_id, path, line, encoding FROM leak_findings WHERE source_kind = 'work-tree' AND repo = ? AND resolved_at IS NULL`).all(repo) as Array<{ id: string; key_id: string; path: string; line: number; encoding: string }>;
    const gone = open.filter((r) => !keep.has(`${r.key_id}\0${r.path}\0${r.line}\0${r.encoding}`));
    if (gone.length === 0) return;
    write(this.db, () => {
      const upd = this.db.prepare(`UPDATE leak_findings SET resolved_at = ?, resolution = 'gone' WHERE id = ?`);
      for (const r of gone) upd.run(now, r.id);
    });
  }

  /** Commits pushed since: their findings become exposed. */
  markExposed(repo: string, pushed: Set<string>): void {
    const rows = this.db.prepare(`SELECT id, commit_id FROM leak_findings WHERE repo = ? AND exposed = 0 AND resolved_at IS NULL`).all(repo) as Array<{ id: string; commit_id: string }>;
    const hit = rows.filter((r) => pushed.has(r.commit_id));
    if (hit.length === 0) return;
    write(this.db, () => {
      const upd = this.db.prepare(`UPDATE leak_findings SET exposed = 1 WHERE id = ?`);
      for (const r of hit) upd.run(r.id);
    });
  }

  list(includeResolved: boolean): LeakFinding[] {
    const where = includeResolved ? '' : 'WHERE f.resolved_at IS NULL';
    return (this.db.prepare(`${SELECT} ${where} ORDER BY f.resolved_at IS NOT NULL, f.exposed DESC, f.first_seen_at DESC, f.path, f.line`).all() as FindingRow[]).map(toFinding);
  }

  get(id: string): LeakFinding | null {
    const r = this.db.prepare(`${SELECT} WHERE f.id = ?`).get(id) as FindingRow | undefined;
    return r ? toFinding(r) : null;
  }

  resolve(ids: string[], how: 'marked' | 'rotated', now: string): void {
    if (ids.length === 0) return;
    write(this.db, () => {
      const upd = this.db.prepare(`UPDATE leak_findings SET resolved_at = ?, resolution = ? WHERE id = ? AND resolved_at IS NULL`);
      for (const id of ids) upd.run(now, how, id);
    });
  }

  /** Open findings and the keys they belong to, for the auto-resolve check. */
  openByKey(): Map<string, string[]> {
    const rows = this.db.prepare(`SELECT id, key_id FROM leak_findings WHERE resolved_at IS NULL`).all() as Array<{ id: string; key_id: string }>;
    const m = new Map<string, string[]>();
    for (const r of rows) m.set(r.key_id, [...(m.get(r.key_id) ?? []), r.id]);
    return m;
  }

  openCounts(): Array<{ keyId: string; findings: number; exposed: boolean }> {
    return (this.db.prepare(`SELECT key_id, COUNT(*) AS n, MAX(exposed) AS exposed FROM leak_findings WHERE resolved_at IS NULL GROUP BY key_id ORDER BY key_id`).all() as Array<{ key_id: string; n: number; exposed: number }>).map((r) => ({ keyId: r.key_id, findings: r.n, exposed: r.exposed === 1 }));
  }
}
