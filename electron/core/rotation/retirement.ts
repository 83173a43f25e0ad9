import { PROVIDERS, type ProviderId } from '../../../shared/domain';
import type { RotationResult } from '../../../shared/contract/rotation';
import { AppError } from '../errors';
import { ProviderError } from '../http';
import type { Logger, SecretStore } from '../ports';
import type { Timers } from '../expiry/scheduler';
import { write, type Db } from '../store/database';
import type { WorkspaceRow } from '../store/rows';
import type { RotationClients } from './clients';
import type { RotationDetail, RotationRow } from './journal';
import { DAY, planner } from './planner';
import type { RotationProgress } from './progress';
import type { RotationRecords, Row } from './records';

/**
 * The retire step and everything that ends a key: immediate (an atomic rotation already did it),
 * by the service after a grace, deleted through the API now or when a Keydeck-managed grace ends
 * (a timer and a catch-up at start), or handed to the user's web UI.
 */
export class Retirement {
  private timer: unknown = null;
  private schedulerOn = false;

  constructor(
    private readonly db: Db,
    private readonly secrets: SecretStore,
    private readonly records: RotationRecords,
    private readonly clients: RotationClients,
    private readonly progress: RotationProgress,
    private readonly timers: Timers,
    private readonly logger: Logger,
    private readonly clock: { now(): Date },
  ) {}

  /** The retire step of a rotation whose new key is committed (and verified, unless the old one is gone already). */
  async retireOld(row: RotationRow, det: RotationDetail, old: Row, ws: WorkspaceRow, warnings: string[]): Promise<RotationResult['retire']> {
    const method = planner.methodOf(row.provider, row.plan);
    const now = this.clock.now();
    const g = det.graceSeconds ?? 0;
    const at = (s: number) => new Date(Date.parse(det.startedAt) + s * 1000).toISOString();
    if (method === 'atomic') {
      await this.markRevoked(old, ws, `"${old.name}" stopped working when ${PROVIDERS[ws.provider as ProviderId].label} rotated it`, false);
      return { method: 'immediate', validUntil: null, tokenPage: null };
    }
    if (method === 'guided') {
      write(this.db, () => this.records.updateKey(old.id, { retire_mode: 'web-ui' }, now.toISOString()));
      return { method: 'web-ui', validUntil: null, tokenPage: this.clients.tokenPageUrl(ws) };
    }
    if (method === 'atomic-with-grace' && g % DAY === 0) {
      // The service retires it: a grace of whole days (0 = now).
      const until = det.oldValidUntil ?? at(g);
      write(this.db, () => this.records.updateKey(old.id, { grace_until: until, expires_at: until }, now.toISOString()));
      return { method: g === 0 ? 'immediate' : 'grace', validUntil: until, tokenPage: null };
    }
    if (g > 0) {
      // Sub-day grace, or no rotate endpoint at all: Keydeck deletes it at the chosen time.
      const until = at(g);
      write(this.db, () => this.records.updateKey(old.id, { grace_until: until, retire_mode: 'api' }, now.toISOString()));
      return { method: 'scheduled', validUntil: until, tokenPage: null };
    }
    try {
      // The old secret stays until the .env files are updated; finish drops it.
      await this.revokeRemote(ws, this.records.key(old.id), false);
      return { method: 'deleted', validUntil: null, tokenPage: null };
    } catch (e) {
      const code = e instanceof AppError ? e.code : 'internal';
      write(this.db, () => this.records.updateKey(old.id, { grace_until: now.toISOString(), retire_mode: 'api' }, now.toISOString()));
      warnings.push(`The old key could not be deleted yet (${code}); Keydeck tries again at next start, or use "Revoke now".`);
      return { method: 'scheduled', validUntil: now.toISOString(), tokenPage: null };
    }
  }

  /** How an already-retired old key was retired, for a rotation finished from the journal. */
  view(old: Row, ws: WorkspaceRow, row: RotationRow): RotationResult['retire'] {
    if (old.revoked_at) return { method: planner.methodOf(row.provider, row.plan) === 'atomic' ? 'immediate' : 'deleted', validUntil: null, tokenPage: null };
    if (old.retire_mode === 'web-ui') return { method: 'web-ui', validUntil: null, tokenPage: this.clients.tokenPageUrl(ws) };
    if (old.retire_mode === 'api') return { method: 'scheduled', validUntil: old.grace_until, tokenPage: null };
    if (old.grace_until) return { method: 'grace', validUntil: old.grace_until, tokenPage: null };
    return { method: 'kept', validUntil: null, tokenPage: null };
  }

  /** DELETE through the API; an ambiguous failure is checked by listing, not by deleting again. */
  async revokeRemote(ws: WorkspaceRow, key: Row, dropSecret = true): Promise<void> {
    if (!key.remote_id) throw new AppError('conflict', `"${key.name}" is not linked to a remote key.`);
    if (ws.management_key_id === key.id) throw new AppError('conflict', `"${key.name}" is the management key ${ws.name} uses; a key cannot revoke itself.`);
    const client = await this.clients.management(ws);
    try {
      await client.revoke(key.remote_id);
    } catch (e) {
      if (!(e instanceof ProviderError)) throw e;
      if (e.code !== 'not_found' && !e.ambiguous) {
        this.progress.append({ kind: 'failed', keyId: key.id, workspaceId: ws.id, summary: `Revoking "${key.name}" failed (${e.code})` });
        throw e;
      }
      if (e.ambiguous) {
        const still = await client.list().then((all) => all.find((k) => k.remoteId === key.remote_id && k.active && !k.deletedAt), () => 'unknown' as const);
        if (still) {
          this.progress.append({ kind: 'failed', keyId: key.id, workspaceId: ws.id, summary: `Revoking "${key.name}" got no answer (${e.code})` });
          throw new AppError(e.code, `The service did not answer the revocation of "${key.name}" (${e.code})${still === 'unknown' ? ' and its key list could not be checked' : ', and the key is still active'}. Try again later.`);
        }
      }
    }
    await this.markRevoked(key, ws, `Revoked "${key.name}" in ${ws.name} (${ws.environment})`, dropSecret);
  }

  async markRevoked(key: Row, ws: WorkspaceRow, summary: string, dropSecret = true): Promise<void> {
    const now = this.progress.now();
    if (dropSecret) await this.secrets.delete(key.id).catch(() => false);
    write(this.db, () => {
      this.records.updateKey(key.id, { revoked_at: now, retire_mode: null, ...(dropSecret ? { has_secret: 0 } : {}) }, now);
      this.progress.append({ kind: 'revoked', keyId: key.id, workspaceId: ws.id, summary });
    });
    this.progress.changed();
  }

  // ─────────────── Keydeck-managed grace: a timer (app) and a catch-up at start ───────────────

  startScheduler(): void {
    this.schedulerOn = true;
    this.scheduleNext();
  }

  stop(): void {
    this.schedulerOn = false;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  /** Deletes, through the API, every old key whose Keydeck-managed grace has passed. */
  async retireDue(): Promise<number> {
    const due = this.db.prepare(`SELECT * FROM keys WHERE retire_mode = 'api' AND revoked_at IS NULL AND grace_until <= ?`).all(this.progress.now()) as Row[];
    let n = 0;
    for (const k of due) {
      try {
        await this.revokeRemote(this.records.keyWorkspace(k), k);
        n++;
      } catch (e) {
        this.logger.warn('scheduled revoke failed', { keyId: k.id, code: e instanceof AppError ? e.code : 'internal' });
      }
    }
    this.scheduleNext();
    return n;
  }

  scheduleNext(): void {
    if (!this.schedulerOn) return;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    const next = this.db.prepare(`SELECT MIN(grace_until) AS t FROM keys WHERE retire_mode = 'api' AND revoked_at IS NULL`).get() as { t: string | null };
    if (!next.t) return;
    const ms = Math.min(Math.max(0, Date.parse(next.t) - this.clock.now().getTime()), 2 ** 31 - 1);
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      void this.retireDue();
    }, ms);
  }
}
