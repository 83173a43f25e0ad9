import type { ExpiryEntry, ExpiryStatus, Settings } from '../../../shared/domain';
import { AppError, notFound } from '../errors';
import type { Clock, EventSink, Notifier, StatusIndicator } from '../ports';
import { write, type Db } from '../store/database';
import type { SettingsService } from '../settings/settings-service';
import { ExpiryRepo, type WatchedKeyRow } from './expiry-repo';
import { digestFor, noticeFor, noticeId, DIGEST_NOTICE_ID } from './notices';
import { nextBoundary, tierOf, type TierInput } from './tiers';
import { trayModel } from './tray-model';
import { noHygiene, type HygieneFlags, type HygieneSource } from './hygiene';

interface Change {
  entry: ExpiryEntry;
  worsened: boolean;
}

/**
 * The expiry watcher. `check()` is idempotent: it recomputes every key's tier from the clock,
 * compares with what was last announced (stored, so restarts do not repeat), and acts only on
 * differences. A clock that jumped (sleep) lands directly on the current tier: one notice for
 * the worst state, not one per skipped tier.
 */
export class ExpiryService {
  private readonly repo: ExpiryRepo;
  private last: ExpiryStatus | null = null;
  /** Keys, workspaces or settings changed since `last` was computed. */
  private stale = false;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly settings: SettingsService,
    private readonly notifier: Notifier,
    private readonly indicator: StatusIndicator,
    private readonly events: EventSink,
    /** Leaked and over-policy keys, for the badge and the digest (issue 14). */
    private readonly hygiene: HygieneSource = noHygiene,
  ) {
    this.repo = new ExpiryRepo(db);
  }

  check(): ExpiryStatus {
    this.stale = false;
    const now = this.clock.now();
    const settings = this.settings.get();
    const nowIso = now.toISOString();
    const changes: Change[] = [];
    const withdrawn: string[] = [];
    const status = write(this.db, () => {
      const states = this.repo.states();
      const entries: ExpiryEntry[] = [];
      for (const row of this.repo.keys()) {
        const { tier, severity, deadline } = tierOf(toTierInput(row), warningDays(row, settings), now);
        const prev = states.get(row.id);
        states.delete(row.id);
        let snoozed = prev?.snoozed === 1;
        if (!prev || prev.tier !== tier) {
          const worsened = severity > (prev?.severity ?? 0);
          // A snooze lasts until the next tier; a key leaving the warning tiers forgets it.
          if (worsened || severity === 0) snoozed = false;
          this.repo.upsert({ key_id: row.id, tier, severity, snoozed: snoozed ? 1 : 0, changed_at: nowIso });
          const entry = toEntry(row, tier, severity, deadline, snoozed);
          if (prev || severity > 0) changes.push({ entry, worsened });
        }
        entries.push(toEntry(row, tier, severity, deadline, snoozed));
      }
      for (const gone of states.keys()) {
        this.repo.remove(gone);
        withdrawn.push(gone);
      }
      return { checkedAt: nowIso, attentionCount: entries.filter((e) => e.severity > 0 && !e.snoozed).length, entries: sortByUrgency(entries) };
    });

    for (const keyId of withdrawn) this.notifier.withdraw(noticeId(keyId));
    for (const { entry, worsened } of changes) {
      // Replace, never stack: the old notice goes whenever the tier moves; a new one only when it got worse.
      this.notifier.withdraw(noticeId(entry.keyId));
      if (worsened && entry.severity > 0 && settings.notificationMode === 'per-key') this.notifier.notify(noticeFor(entry, now));
    }
    const flags = this.hygiene.flagged();
    if (settings.notificationMode === 'daily-digest') this.maybeDigest(status, now, settings, flags);
    this.publish(status, changes.length + withdrawn.length > 0, flags);
    return status;
  }

  /** The last computed state, unless something changed since: then a fresh check. */
  status(): ExpiryStatus {
    return this.last && !this.stale ? this.last : this.check();
  }

  /**
   * Something a check reads changed. The next `status()` looks again; the scheduler's settled look
   * (scheduler.ts `changed`) does it if nobody asked first. A write never waits for a full pass.
   */
  markStale(): void {
    this.stale = true;
  }

  isStale(): boolean {
    return this.stale;
  }

  snooze(keyId: string): ExpiryStatus {
    this.check();
    const entry = this.last?.entries.find((e) => e.keyId === keyId);
    if (!entry) throw notFound('key', keyId);
    if (entry.severity === 0) throw new AppError('invalid_input', `"${entry.keyName}" has no warning to snooze.`, { fields: { id: 'has no active warning' } });
    write(this.db, () => this.repo.setSnoozed(keyId, true));
    this.notifier.withdraw(noticeId(keyId));
    return this.recompute();
  }

  /** Undo a snooze: the warning counts again (and the next check may notify again). */
  unsnooze(keyId: string): ExpiryStatus {
    this.check();
    const entry = this.last?.entries.find((e) => e.keyId === keyId);
    if (!entry) throw notFound('key', keyId);
    write(this.db, () => this.repo.setSnoozed(keyId, false));
    return this.recompute();
  }

  setWarningDays(keyId: string, days: number[] | null): ExpiryStatus {
    write(this.db, () => {
      if (!this.repo.keys().some((k) => k.id === keyId)) throw notFound('key', keyId);
      this.repo.setWarnDays(keyId, days);
    });
    return this.check();
  }

  /** When the next check is due: the earliest moment any key changes tier, or the digest hour. */
  nextWakeAt(): Date | null {
    const now = this.clock.now();
    const settings = this.settings.get();
    let next: number | null = null;
    for (const row of this.repo.keys()) {
      const b = nextBoundary(toTierInput(row), warningDays(row, settings), now);
      if (b !== null && (next === null || b < next)) next = b;
    }
    if (settings.notificationMode === 'daily-digest') {
      const digest = nextDigestTime(now, settings.digestHour);
      if (next === null || digest < next) next = digest;
    }
    return next === null ? null : new Date(next);
  }

  private recompute(): ExpiryStatus {
    this.last = null;
    return this.check();
  }

  private maybeDigest(status: ExpiryStatus, now: Date, settings: Settings, flags: HygieneFlags): void {
    const today = localDate(now);
    if (now.getHours() < settings.digestHour || this.repo.getMarker('digestSentOn') === today) return;
    const notice = digestFor(status, flags);
    write(this.db, () => this.repo.setMarker('digestSentOn', today));
    this.notifier.withdraw(DIGEST_NOTICE_ID);
    if (notice) this.notifier.notify(notice);
  }

  private publish(status: ExpiryStatus, changed: boolean, flags: HygieneFlags): void {
    const first = this.last === null;
    this.last = status;
    this.indicator.update(trayModel(status, new Date(status.checkedAt), flags));
    if (changed || first) this.events.emit({ name: 'expiry.changed', payload: { attentionCount: status.attentionCount } });
  }
}

function warningDays(row: WatchedKeyRow, settings: Settings): number[] {
  if (!row.warn_days) return settings.warningDays;
  try {
    return JSON.parse(row.warn_days) as number[];
  } catch {
    return settings.warningDays;
  }
}

function toTierInput(row: WatchedKeyRow): TierInput {
  return { expiresAt: row.expires_at, graceUntil: row.grace_until, validFrom: row.valid_from, revokedAt: row.revoked_at, remoteDeletedAt: row.remote_deleted_at, supersededBy: row.superseded_by };
}

function toEntry(row: WatchedKeyRow, tier: ExpiryEntry['tier'], severity: number, deadline: string | null, snoozed: boolean): ExpiryEntry {
  return {
    keyId: row.id,
    keyName: row.name,
    provider: row.provider as ExpiryEntry['provider'],
    workspaceName: row.workspace_name,
    environment: (row.environment as ExpiryEntry['environment']) ?? null,
    tier,
    severity,
    deadline,
    validFrom: row.valid_from,
    createdAt: row.created_at,
    snoozed: snoozed && severity > 0,
  };
}

/** Warned keys by deadline (soonest first), then not-yet-valid, then never-expiring by age (oldest first); quiet keys last. */
function sortByUrgency(entries: ExpiryEntry[]): ExpiryEntry[] {
  const group = (e: ExpiryEntry) => (e.severity > 0 ? 0 : e.tier === 'not_yet_valid' ? 1 : e.tier === 'no_expiry' ? 2 : 3);
  return [...entries].sort((a, b) => {
    const g = group(a) - group(b);
    if (g !== 0) return g;
    if (group(a) === 2) return a.createdAt.localeCompare(b.createdAt);
    return (a.deadline ?? a.validFrom ?? '').localeCompare(b.deadline ?? b.validFrom ?? '');
  });
}

function localDate(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function nextDigestTime(now: Date, hour: number): number {
  const at = new Date(now);
  at.setHours(hour, 0, 0, 0);
  if (at.getTime() <= now.getTime()) at.setDate(at.getDate() + 1);
  return at.getTime();
}
