import type { Clock } from '../ports';
import type { ExpiryService } from './expiry-service';

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

/** Longest wait between checks: timers stop while a laptop sleeps, so never trust one long one. */
export const MAX_CHECK_INTERVAL_MS = 15 * 60_000;

/**
 * How long a change settles before the watcher looks again: a burst of writes (a rotation's
 * steps, a sync, an import of a file) gets one look, and none of the writes waits for it.
 */
export const SETTLE_MS = 200;

/**
 * Runs the watcher at each tier boundary (and at least every 15 minutes). The shell calls
 * `resume()` on power resume so a sleeping machine catches up at once.
 */
export class ExpiryScheduler {
  private handle: unknown = null;
  private settling: unknown = null;

  constructor(
    private readonly watcher: ExpiryService,
    private readonly clock: Clock,
    private readonly timers: Timers = realTimers,
    private readonly maxIntervalMs = MAX_CHECK_INTERVAL_MS,
  ) {}

  private started = false;

  start(): void {
    this.started = true;
    this.run();
  }

  /** After sleep: look again now (only once started). */
  resume(): void {
    if (this.started) this.run();
  }

  /**
   * Keys, workspaces, settings or leak findings changed: the watcher's state is stale at once (so
   * `expiry.status` and the attention list answer fresh), and once the changes settle the watcher
   * looks again if nobody has asked meanwhile (tray, notifications) and plans its next wake.
   */
  changed(): void {
    this.watcher.markStale();
    if (!this.started || this.settling !== null) return;
    this.settling = this.timers.setTimeout(() => {
      this.settling = null;
      if (this.started) this.run(this.watcher.isStale());
    }, SETTLE_MS);
  }

  stop(): void {
    this.started = false;
    this.clear();
    if (this.settling !== null) this.timers.clearTimeout(this.settling);
    this.settling = null;
  }

  private clear(): void {
    if (this.handle !== null) this.timers.clearTimeout(this.handle);
    this.handle = null;
  }

  /** The delay the next timer was set to, for tests and diagnostics. */
  lastDelayMs: number | null = null;

  private run(look = true): void {
    this.clear();
    if (look) this.watcher.check();
    const wake = this.watcher.nextWakeAt();
    const untilWake = wake ? wake.getTime() - this.clock.now().getTime() : Infinity;
    // +1 s: wake just after the boundary, so the tier has really changed when we look.
    this.lastDelayMs = Math.min(Math.max(untilWake + 1000, 1000), this.maxIntervalMs);
    this.handle = this.timers.setTimeout(() => this.run(), this.lastDelayMs);
  }
}
