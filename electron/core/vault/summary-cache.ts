import { KeySummarySchema, type KeySummary } from '../../../shared/domain';
import { vet, vetAll, type Vetted } from '../ipc/list-output';
import type { Clock } from '../ports';
import type { Db } from '../store/database';
import type { KeysRepo, SummaryRow } from '../store/keys-repo';
import { statusOf } from './key-status';
import { toSummary } from './key-summary';

/** More changed keys than this since the last look: reading every key again is as quick. */
const PATCH_LIMIT = 2000;

/**
 * Every key's summary as of one side of its one date that can change its status (expiry, or
 * grace end; NaN where none can), by rowid: `early` says which side it was built on. The dates
 * and flags a list reads for every row sit in typed arrays, so a list of 50,000 keys reads a few
 * compact arrays in name order, not 50,000 objects scattered over the heap.
 */
export interface SummaryTable {
  /** The last entry of the key change log (migration 0013) this table has taken in. */
  version: number;
  /** The database's schema_version when it was read. */
  schema: number;
  summary: Array<Vetted<KeySummary> | undefined>;
  boundary: Float64Array;
  early: Uint8Array;
  /** The one column the status needs that a summary does not carry. */
  remoteDeleted: Uint8Array;
  /** Every key's rowid in list order, as of `version`; read from SQLite on the first walk after a change. */
  order?: Int32Array;
}

/**
 * The key list's summaries, kept current from the key change log that triggers fill for every
 * process's writes: a change to a few keys re-reads those rows only, and a write that touches no
 * key (an audit entry from each `keydeck read`, a setting, a journal step) costs nothing. The
 * whole table is read again when the log no longer reaches back to the last look, when more than
 * PATCH_LIMIT keys changed, or when a new key lies beyond the arrays' room.
 */
export class SummaryCache {
  private table?: SummaryTable;

  constructor(
    private readonly db: Db,
    private readonly keys: KeysRepo,
    private readonly clock: Clock,
  ) {}

  current(): SummaryTable {
    const version = this.keys.lastChange();
    // A VACUUM or a schema change (which the log does not see) may renumber rows: read them all.
    const schema = this.db.prepare('PRAGMA schema_version').pluck().get() as number;
    const table = this.table?.schema === schema ? this.table : undefined;
    if (table?.version === version) return table;
    // Inside a write transaction the log may yet be rolled back under it: answer, keep nothing.
    if (this.db.inTransaction) return this.build(version, schema);
    if (table && this.patch(table, version)) return table;
    return (this.table = this.build(version, schema));
  }

  /**
   * The table's keys in list order. A list without a search, a workspace or "current only" walks
   * this instead of asking SQLite for every rowid again: at 50,000 keys that read and its garbage
   * were most of the call. Any key change moves the version, and the next walk reads it anew.
   */
  order(table: SummaryTable, read: () => number[]): Int32Array {
    return (table.order ??= Int32Array.from(read()));
  }

  /** The other side of the key's date: the same summary with the status the clock now gives. */
  refresh(table: SummaryTable, rowid: number, t: number): void {
    const k = table.summary[rowid];
    table.early[rowid] = t < table.boundary[rowid]! ? 1 : 0;
    if (k) table.summary[rowid] = vet(KeySummarySchema, { ...k, status: statusOf(k.revokedAt, table.remoteDeleted[rowid] ? 'yes' : null, k.graceUntil, k.expiresAt, t) });
  }

  private build(version: number, schema: number): SummaryTable {
    const rows = this.keys.summaryRows();
    // Room for the keys added before the next full read (rowids grow by one per new key).
    const size = Math.ceil(rows.reduce((max, r) => Math.max(max, r.rowid + 1), 0) * 1.25) + 64;
    const table: SummaryTable = { version, schema, summary: new Array(size), boundary: new Float64Array(size).fill(NaN), early: new Uint8Array(size), remoteDeleted: new Uint8Array(size) };
    this.fill(table, rows);
    return table;
  }

  private patch(table: SummaryTable, version: number): boolean {
    const changed = this.keys.changedSince(table.version, PATCH_LIMIT);
    if (!changed || changed.some((rowid) => rowid >= table.boundary.length)) return false;
    const rows = this.keys.summaryRowsOf(changed);
    const present = new Set(rows.map((r) => r.rowid));
    for (const rowid of changed) {
      if (present.has(rowid)) continue;
      // Deleted.
      table.summary[rowid] = undefined;
      table.boundary[rowid] = NaN;
      table.early[rowid] = 0;
      table.remoteDeleted[rowid] = 0;
    }
    this.fill(table, rows);
    table.version = version;
    table.order = undefined;
    return true;
  }

  private fill(table: SummaryTable, rows: SummaryRow[]): void {
    const now = this.clock.now();
    const t = now.getTime();
    const summaries = vetAll(KeySummarySchema, rows.map((r) => toSummary(r, now)));
    rows.forEach((r, i) => {
      const fixed = r.revoked_at || r.remote_deleted_at;
      const boundary = fixed ? NaN : r.grace_until ? Date.parse(r.grace_until) : r.expires_at ? Date.parse(r.expires_at) : NaN;
      table.boundary[r.rowid] = boundary;
      table.early[r.rowid] = t < boundary ? 1 : 0;
      table.remoteDeleted[r.rowid] = r.remote_deleted_at ? 1 : 0;
      table.summary[r.rowid] = summaries[i];
    });
  }
}
