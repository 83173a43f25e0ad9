import type { Db } from './database';
import type { Timers } from '../expiry/scheduler';

/** Fast enough that a change made elsewhere shows within a second; one pragma a tick when idle. */
export const CHANGE_POLL_MS = 250;

/**
 * Notices commits made by other processes on the shared SQLite file: the CLI, a second app
 * instance, another process's scheduler. `PRAGMA data_version` moves only when ANOTHER
 * connection commits (never for our own writes, which already emit their events), and reading
 * it touches no table, so polling costs next to nothing while nothing happens.
 */
export class ChangeFeed {
  private last: number;
  private handle: unknown = null;
  private running = false;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly db: Db,
    private readonly timers: Timers,
    private readonly intervalMs = CHANGE_POLL_MS,
  ) {
    this.last = this.version();
  }

  /** Called after another process committed; returns the unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** One look, now: true when another process committed since the last look. */
  check(): boolean {
    if (!this.db.open) return false;
    const v = this.version();
    if (v === this.last) return false;
    this.last = v;
    for (const listener of [...this.listeners]) listener();
    return true;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.last = this.version();
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

  private version(): number {
    // prepare, not pragma(): a prepared statement is reused (statement-cache.ts); pragma() makes a new one each time.
    return this.db.prepare('PRAGMA data_version').pluck().get() as number;
  }
}
