import type { ProviderId } from '../../../shared/domain';
import type { ExpiryService } from '../expiry/expiry-service';
import type { Timers } from '../expiry/scheduler';
import type { Clock, Logger } from '../ports';
import type { Db } from '../store/database';
import { dueWorkspaces, nextScheduledRefresh, type RefreshState } from './refresh-policy';
import type { SyncService } from './sync-service';

/** Wake at least this often: timers stop during sleep, and a new connection may be due sooner. */
const MAX_WAIT_MS = 15 * 60_000;

export interface RefreshRun {
  mode: 'scheduled' | 'manual';
  refreshed: string[];
  failed: string[];
}

/**
 * Re-reads expiry, last-used and existence from the services on a schedule, so warnings use
 * the providers' truth, then lets the expiry watcher look. Concurrency and per-host limits
 * come from the sweep; quota and 429 waits from the refresh policy.
 */
export class RefreshScheduler {
  private handle: unknown = null;
  private started = false;
  private running: Promise<RefreshRun> | null = null;

  constructor(
    private readonly db: Db,
    private readonly sync: SyncService,
    private readonly expiry: ExpiryService,
    private readonly clock: Clock,
    private readonly timers: Timers,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.started = true;
    void this.tick();
  }

  stop(): void {
    this.started = false;
    if (this.handle !== null) this.timers.clearTimeout(this.handle);
    this.handle = null;
  }

  /** "Check now": refresh what the quota and Retry-After allow, then recompute warnings. */
  runNow(): Promise<RefreshRun> {
    return this.run('manual');
  }

  /** One scheduled pass; resolves when its refreshes are done (tests await it). */
  async tick(): Promise<RefreshRun> {
    const result = await this.run('scheduled');
    this.plan();
    return result;
  }

  private run(mode: 'scheduled' | 'manual'): Promise<RefreshRun> {
    // One pass at a time: a manual check during a scheduled one waits for it instead of doubling calls.
    this.running ??= this.pass(mode).finally(() => (this.running = null));
    return this.running;
  }

  private async pass(mode: 'scheduled' | 'manual'): Promise<RefreshRun> {
    const due = dueWorkspaces(this.states(), this.clock.now(), mode);
    let failed: string[] = [];
    if (due.length) {
      const report = await this.sync.sweep(due);
      failed = report.failed.map((f) => f.workspaceId);
      if (failed.length) this.logger.warn('refresh failed for some workspaces', { failed: report.failed.map((f) => `${f.workspaceId}:${f.code}`) });
    }
    this.expiry.check();
    return { mode, refreshed: due.filter((id) => !failed.includes(id)), failed };
  }

  private plan(): void {
    if (!this.started) return;
    if (this.handle !== null) this.timers.clearTimeout(this.handle);
    const next = nextScheduledRefresh(this.states());
    const wait = next === null ? MAX_WAIT_MS : Math.min(Math.max(next - this.clock.now().getTime(), 1000), MAX_WAIT_MS);
    this.handle = this.timers.setTimeout(() => void this.tick(), wait);
  }

  private states(): RefreshState[] {
    const rows = this.db
      .prepare(
        `SELECT w.id, w.provider, s.last_synced_at, s.last_error_at, s.retry_after
         FROM workspaces w LEFT JOIN workspace_sync s ON s.workspace_id = w.id
         WHERE w.management_key_id IS NOT NULL`,
      )
      .all() as Array<{ id: string; provider: string; last_synced_at: string | null; last_error_at: string | null; retry_after: string | null }>;
    return rows.map((r) => ({ workspaceId: r.id, provider: r.provider as ProviderId, lastSyncedAt: r.last_synced_at, lastErrorAt: r.last_error_at, retryAfter: r.retry_after }));
  }
}
