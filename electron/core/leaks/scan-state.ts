import type { LeakScanReport, LeakSource } from '../../../shared/contract/leaks';
import { write, type Db } from '../store/database';

export interface RepoState {
  tips: string[];
  keyIds: string[];
}

/** What the leak finder remembers between scans: the user's sources, each repository's tips, the last reports. */
export class ScanState {
  constructor(private readonly db: Db) {}

  sources(): LeakSource[] {
    return (this.db.prepare('SELECT path, kind, added_at FROM leak_sources ORDER BY path').all() as Array<{ path: string; kind: 'folder' | 'file'; added_at: string }>).map((r) => ({ path: r.path, kind: r.kind, addedAt: r.added_at }));
  }

  addSource(path: string, kind: 'folder' | 'file', now: string): void {
    write(this.db, () => this.db.prepare('INSERT INTO leak_sources (path, kind, added_at) VALUES (?, ?, ?) ON CONFLICT(path) DO UPDATE SET kind = excluded.kind').run(path, kind, now));
  }

  removeSource(path: string): boolean {
    return write(this.db, () => this.db.prepare('DELETE FROM leak_sources WHERE path = ?').run(path).changes === 1);
  }

  repo(repo: string): RepoState | null {
    const r = this.db.prepare('SELECT tips, key_ids FROM leak_repo_state WHERE repo = ?').get(repo) as { tips: string; key_ids: string } | undefined;
    return r ? { tips: JSON.parse(r.tips) as string[], keyIds: JSON.parse(r.key_ids) as string[] } : null;
  }

  saveRepo(repo: string, state: RepoState, now: string): void {
    write(this.db, () =>
      this.db
        .prepare('INSERT INTO leak_repo_state (repo, tips, key_ids, scanned_at) VALUES (?, ?, ?, ?) ON CONFLICT(repo) DO UPDATE SET tips = excluded.tips, key_ids = excluded.key_ids, scanned_at = excluded.scanned_at')
        .run(repo, JSON.stringify(state.tips), JSON.stringify(state.keyIds), now),
    );
  }

  saveScan(report: LeakScanReport): void {
    write(this.db, () => {
      this.db.prepare('INSERT INTO leak_scans (started_at, finished_at, trigger, report) VALUES (?, ?, ?, ?)').run(report.startedAt, report.finishedAt, report.trigger, JSON.stringify(report));
      // A short history is enough for "last scan": keep the table small.
      this.db.prepare('DELETE FROM leak_scans WHERE id NOT IN (SELECT id FROM leak_scans ORDER BY id DESC LIMIT 20)').run();
    });
  }

  lastScan(): LeakScanReport | null {
    const r = this.db.prepare('SELECT report FROM leak_scans ORDER BY id DESC LIMIT 1').get() as { report: string } | undefined;
    return r ? (JSON.parse(r.report) as LeakScanReport) : null;
  }

  /** When the last scan the schedule counts (any trigger) started. */
  lastScanAt(): string | null {
    const r = this.db.prepare('SELECT started_at FROM leak_scans ORDER BY id DESC LIMIT 1').get() as { started_at: string } | undefined;
    return r?.started_at ?? null;
  }
}
