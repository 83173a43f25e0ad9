import type { Clock, Logger } from '../ports';
import type { Timers } from '../expiry/scheduler';

export type LeakSchedule = 'off' | 'daily' | 'weekly';

const DAY_MS = 24 * 60 * 60_000;
export const SCHEDULE_MS: Record<Exclude<LeakSchedule, 'off'>, number> = { daily: DAY_MS, weekly: 7 * DAY_MS };
/** Timers stop while a laptop sleeps: never trust one long wait, look again at least this often. */
const MAX_WAIT_MS = 15 * 60_000;

/**
 * Runs a scan when the user's schedule says one is due (measured from the last scan of any
 * kind, so a manual scan counts), on the injected clock and timers like the expiry watcher.
 */
export class LeakScheduler {
  private handle: unknown = null;
  private started = false;

  constructor(
    private readonly clock: Clock,
    private readonly timers: Timers,
    private readonly schedule: () => LeakSchedule,
    private readonly lastScanAt: () => string | null,
    private readonly scan: () => Promise<unknown>,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.started = true;
    this.arm();
  }

  stop(): void {
    this.started = false;
    this.clear();
  }

  /** The schedule changed or a scan finished: compute the next wake again. */
  resume(): void {
    if (this.started) this.arm();
  }

  /** When the next scheduled scan is due, or null when the schedule is off. */
  nextDueAt(): Date | null {
    const s = this.schedule();
    if (s === 'off') return null;
    const last = this.lastScanAt();
    return last ? new Date(Date.parse(last) + SCHEDULE_MS[s]) : this.clock.now();
  }

  lastDelayMs: number | null = null;

  private clear(): void {
    if (this.handle !== null) this.timers.clearTimeout(this.handle);
    this.handle = null;
  }

  private arm(): void {
    this.clear();
    const due = this.nextDueAt();
    if (!due) return;
    const wait = due.getTime() - this.clock.now().getTime();
    this.lastDelayMs = Math.min(Math.max(wait, 0), MAX_WAIT_MS);
    this.handle = this.timers.setTimeout(() => void this.tick(), this.lastDelayMs);
  }

  private async tick(): Promise<void> {
    this.handle = null;
    const due = this.nextDueAt();
    if (due && due.getTime() <= this.clock.now().getTime()) {
      await this.scan().catch((e: unknown) => this.logger.warn('scheduled leak scan failed', { error: e instanceof Error ? e.name : typeof e }));
    }
    if (this.started) this.arm();
  }
}
