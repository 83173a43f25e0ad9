import type { Db } from './database';
import type { Timers } from '../expiry/scheduler';

/** Fast enough that a change made elsewhere shows within a second; one pragma a tick when idle. */
export const CHANGE_POLL_MS = 250;

/** What another process's commit changed. Every commit may have written an audit entry. */
export interface Changes {
  keys: boolean;
  workspaces: boolean;
  /** The rotation journal: attention items, running rotations. */
  rotations: boolean;
  /** Where keys are used (`keydeck usage add` elsewhere). */
  usages: boolean;
  /** Leak findings and sources (a `keydeck scan` elsewhere). */
  leaks: boolean;
}

type Marks = [keys: number, workspaces: number, rotations: number, usages: number, leaks: number];

/**
 * Notices commits made by other processes on the shared SQLite file: the CLI, a second app
 * instance, another process's scheduler. `PRAGMA data_version` moves only when ANOTHER
 * connection commits (never for our own writes, which already emit their events), and reading
 * it touches no table, so polling costs next to nothing while nothing happens. When it moves,
 * the key change log and the change counters (migrations 0013, 0014) say what changed, so a
 * `keydeck read` elsewhere (an audit entry) does not make a window fetch every key again.
 */
export class ChangeFeed {
  private last: number;
  private marks: Marks;
  private handle: unknown = null;
  private running = false;
  private readonly listeners = new Set<(changes: Changes) => void>();

  constructor(
    private readonly db: Db,
    private readonly timers: Timers,
    private readonly intervalMs = CHANGE_POLL_MS,
  ) {
    this.last = this.version();
    this.marks = this.currentMarks();
  }

  /** Called after another process committed; returns the unsubscribe. */
  subscribe(listener: (changes: Changes) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** One look, now: true when another process committed since the last look. */
  check(): boolean {
    if (!this.db.open) return false;
    const v = this.version();
    if (v === this.last) return false;
    this.last = v;
    const marks = this.currentMarks();
    const [keys, workspaces, rotations, usages, leaks] = marks.map((m, i) => m !== this.marks[i]) as [boolean, boolean, boolean, boolean, boolean];
    const changes: Changes = { keys, workspaces, rotations, usages, leaks };
    this.marks = marks;
    for (const listener of [...this.listeners]) listener(changes);
    return true;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.last = this.version();
    this.marks = this.currentMarks();
    this.schedule();
  }

  stop(): void {
    this.running = false;
    if (this.handle !== null) this.timers.clearTimeout(this.handle);
    this.handle = null;
  }

  private schedule(): void {
    this.handle = this.timers.setTimeout(() => {
      this.handle = null;
      if (!this.running || !this.db.open) return;
      try {
        this.check();
      } finally {
        if (this.running) this.schedule();
      }
    }, this.intervalMs);
  }

  /** Our own writes move these too: they are read again only after another process committed. */
  private currentMarks(): Marks {
    return this.db
      .prepare(`SELECT (SELECT IFNULL(max(seq), 0) FROM key_changes), (SELECT n FROM change_counters WHERE name = 'workspaces'), (SELECT n FROM change_counters WHERE name = 'rotations'), (SELECT n FROM change_counters WHERE name = 'usages'), (SELECT n FROM change_counters WHERE name = 'leaks')`)
      .raw(true)
      .get() as Marks;
  }

  private version(): number {
    // prepare, not pragma(): a prepared statement is reused (statement-cache.ts); pragma() makes a new one each time.
    return this.db.prepare('PRAGMA data_version').pluck().get() as number;
  }
}
