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
 * Runs the watcher at each tier boundary (and at least every 15 minutes). The shell calls
 * `resume()` on power resume so a sleeping machine catches up at once.
 */
export class ExpiryScheduler {
  private handle: unknown = null;

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

  /** After sleep, or when keys or settings changed: look again now (only once started). */
  resume(): void {
    if (this.started) this.run();
  }

  stop(): void {
    this.started = false;
    this.clear();
  }

  private clear(): void {
    if (this.handle !== null) this.timers.clearTimeout(this.handle);
    this.handle = null;
  }

  /** The delay the next timer was set to, for tests and diagnostics. */
  lastDelayMs: number | null = null;

  private run(): void {
    this.clear();
    this.watcher.check();
    const wake = this.watcher.nextWakeAt();
    const untilWake = wake ? wake.getTime() - this.clock.now().getTime() : Infinity;
    // +1 s: wake just after the boundary, so the tier has really changed when we look.
    this.lastDelayMs = Math.min(Math.max(untilWake + 1000, 1000), this.maxIntervalMs);
    this.handle = this.timers.setTimeout(() => this.run(), this.lastDelayMs);
  }
}
