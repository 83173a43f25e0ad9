import { AppError } from '../errors';
import { RotationReconciler } from './reconciler';
import { type Row } from './context';

/** Old keys whose grace Keydeck enforces itself (sub-day grace, failed deletions): a timer and a catch-up. */
export abstract class RotationRetirement extends RotationReconciler {
  private timer: unknown = null;
  private schedulerOn = false;

  startScheduler(): void {
    this.schedulerOn = true;
    this.scheduleNext();
  }

  stop(): void {
    this.schedulerOn = false;
    if (this.timer !== null) this.d.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  /** Deletes, through the API, every old key whose Keydeck-managed grace has passed. */
  async retireDue(): Promise<number> {
    const due = this.d.db.prepare(`SELECT * FROM keys WHERE retire_mode = 'api' AND revoked_at IS NULL AND grace_until <= ?`).all(this.now()) as Row[];
    let n = 0;
    for (const k of due) {
      try {
        await this.revokeRemote(this.keyWorkspace(k), k);
        n++;
      } catch (e) {
        this.d.logger.warn('scheduled revoke failed', { keyId: k.id, code: e instanceof AppError ? e.code : 'internal' });
      }
    }
    this.scheduleNext();
    return n;
  }

  protected scheduleNext(): void {
    if (!this.schedulerOn) return;
    if (this.timer !== null) this.d.timers.clearTimeout(this.timer);
    this.timer = null;
    const next = this.d.db.prepare(`SELECT MIN(grace_until) AS t FROM keys WHERE retire_mode = 'api' AND revoked_at IS NULL`).get() as { t: string | null };
    if (!next.t) return;
    const ms = Math.min(Math.max(0, Date.parse(next.t) - this.d.clock.now().getTime()), 2 ** 31 - 1);
    this.timer = this.d.timers.setTimeout(() => {
      this.timer = null;
      void this.retireDue();
    }, ms);
  }
}
