import type { Db } from '../store/database';

export interface ExpiryStateRow {
  key_id: string;
  tier: string;
  severity: number;
  snoozed: number;
  changed_at: string;
}

export interface WatchedKeyRow {
  id: string;
  name: string;
  provider: string;
  created_at: string;
  expires_at: string | null;
  grace_until: string | null;
  valid_from: string | null;
  revoked_at: string | null;
  remote_deleted_at: string | null;
  superseded_by: string | null;
  warn_days: string | null;
  workspace_name: string | null;
  environment: string | null;
}

export class ExpiryRepo {
  constructor(private readonly db: Db) {}

  keys(): WatchedKeyRow[] {
    return this.db
      .prepare(
        `SELECT k.id, k.name, k.provider, k.created_at, k.expires_at, k.grace_until, k.valid_from, k.revoked_at,
                k.remote_deleted_at, k.superseded_by, k.warn_days, w.name AS workspace_name, w.environment
         FROM keys k LEFT JOIN workspaces w ON w.id = k.workspace_id`,
      )
      .all() as WatchedKeyRow[];
  }

  states(): Map<string, ExpiryStateRow> {
    const rows = this.db.prepare('SELECT * FROM expiry_state').all() as ExpiryStateRow[];
    return new Map(rows.map((r) => [r.key_id, r]));
  }

  upsert(row: ExpiryStateRow): void {
    this.db
      .prepare(
        `INSERT INTO expiry_state (key_id, tier, severity, snoozed, changed_at) VALUES (@key_id, @tier, @severity, @snoozed, @changed_at)
         ON CONFLICT(key_id) DO UPDATE SET tier = excluded.tier, severity = excluded.severity, snoozed = excluded.snoozed, changed_at = excluded.changed_at`,
      )
      .run(row);
  }

  remove(keyId: string): void {
    this.db.prepare('DELETE FROM expiry_state WHERE key_id = ?').run(keyId);
  }

  setSnoozed(keyId: string, snoozed: boolean): void {
    this.db.prepare('UPDATE expiry_state SET snoozed = ? WHERE key_id = ?').run(snoozed ? 1 : 0, keyId);
  }

  setWarnDays(keyId: string, days: number[] | null): void {
    this.db.prepare('UPDATE keys SET warn_days = ? WHERE id = ?').run(days ? JSON.stringify(days) : null, keyId);
  }

  /** Small internal state that is not a user setting ("state." prefix keeps it apart). */
  getMarker(name: string): string | null {
    const row = this.db.prepare('SELECT value FROM settings WHERE name = ?').get(`state.${name}`) as { value: string } | undefined;
    return row?.value ?? null;
  }

  setMarker(name: string, value: string): void {
    this.db.prepare('INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value').run(`state.${name}`, value);
  }
}
