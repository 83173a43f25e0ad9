import type { Db } from './database';
import type { KeyRow } from './rows';

export interface KeyFilter {
  query?: string;
  workspaceId?: string;
  provider?: string;
  /** Only lineage heads: keys no other key in the vault replaced. */
  current?: boolean;
  hideRevoked?: boolean;
}

export class KeysRepo {
  constructor(private readonly db: Db) {}

  insert(row: KeyRow): void {
    const cols = Object.keys(row);
    this.db.prepare(`INSERT INTO keys (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(row);
  }

  get(id: string): KeyRow | undefined {
    return this.db.prepare(`SELECT * FROM keys WHERE id = ?`).get(id) as KeyRow | undefined;
  }

  findByFingerprint(fingerprint: string): KeyRow | undefined {
    return this.db.prepare(`SELECT * FROM keys WHERE fingerprint = ?`).get(fingerprint) as KeyRow | undefined;
  }

  listByWorkspace(workspaceId: string): KeyRow[] {
    return this.db.prepare(`SELECT * FROM keys WHERE workspace_id = ?`).all(workspaceId) as KeyRow[];
  }

  /**
   * A key's whole lineage, newest first: up `superseded_by` to the current generation, then
   * down through every key that generation replaced. Bounded, so a corrupt cycle cannot spin.
   */
  lineage(id: string): KeyRow[] {
    return this.db
      .prepare(
        `WITH RECURSIVE up(id, depth) AS (
           SELECT id, 0 FROM keys WHERE id = @id
           UNION SELECT k.superseded_by, up.depth + 1 FROM keys k JOIN up ON k.id = up.id
             WHERE k.superseded_by IS NOT NULL AND EXISTS (SELECT 1 FROM keys n WHERE n.id = k.superseded_by) AND up.depth < 1000
         ),
         head AS (SELECT id FROM up ORDER BY depth DESC LIMIT 1),
         down(id, depth) AS (
           SELECT id, 0 FROM head
           UNION SELECT k.id, down.depth + 1 FROM keys k JOIN down ON k.superseded_by = down.id WHERE down.depth < 1000
         )
         SELECT keys.* FROM keys JOIN down ON keys.id = down.id ORDER BY down.depth, keys.created_at DESC`,
      )
      .all({ id }) as KeyRow[];
  }

  all(): KeyRow[] {
    return this.db.prepare(`SELECT * FROM keys ORDER BY ${LIST_ORDER}`).all() as KeyRow[];
  }

  /** The newest entry of the key change log (migration 0013): it moves on every key written, by any process. */
  lastChange(): number {
    return this.db.prepare(`SELECT IFNULL(max(seq), 0) FROM key_changes`).pluck().get() as number;
  }

  /**
   * The rowids of the keys changed after log entry `seq`; null when the log no longer reaches
   * back that far (pruned) or when more than `limit` keys changed.
   */
  changedSince(seq: number, limit: number): number[] | null {
    const oldest = this.db.prepare(`SELECT min(seq) FROM key_changes`).pluck().get() as number | null;
    if (oldest === null || oldest > seq + 1) return null;
    const rowids = this.db.prepare(`SELECT DISTINCT key_rowid FROM key_changes WHERE seq > ? LIMIT ?`).pluck().all(seq, limit + 1) as number[];
    return rowids.length > limit ? null : rowids;
  }

  /** `summaryRows` for some keys only (those still present). */
  summaryRowsOf(rowids: number[]): SummaryRow[] {
    return this.db.prepare(`SELECT rowid, ${LIST_COLUMNS.join(', ')} FROM keys WHERE rowid IN (SELECT value FROM json_each(?))`).all(JSON.stringify(rowids)) as SummaryRow[];
  }

  /** Every key's rowid and `LIST_COLUMNS`, the columns a summary is made of. */
  summaryRows(): SummaryRow[] {
    return this.db.prepare(`SELECT rowid, ${LIST_COLUMNS.join(', ')} FROM keys`).all() as SummaryRow[];
  }

  /**
   * The rowids of the list, in list order, filtered and ordered by SQLite. With no filter the
   * `keys_name_order` index is the answer (rowids are in it); a search or a status filter walks
   * `keys_list_filter`, which holds every column they read, in the same order. Search
   * covers what a person remembers of a key: its name, masked form, scopes, project, workspace
   * and environment. `lifecycle` narrows by the stored dates' presence only; the clock's
   * verdict is the caller's (`keyStatus`), so SQL never has to parse a date.
   */
  listRowids(filter: KeyFilter & { lifecycle?: Lifecycle }): number[] {
    const where: string[] = [];
    const params: Record<string, string> = {};
    if (filter.workspaceId) {
      where.push('workspace_id = @workspaceId');
      params.workspaceId = filter.workspaceId;
    }
    if (filter.provider) {
      where.push('provider = @provider');
      params.provider = filter.provider;
    }
    let few = false;
    if (filter.query) {
      params.q = `%${filter.query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      // The few workspaces whose name or environment match, found first: most searches match
      // none, and then no row has to be probed against them.
      const workspaces = this.db.prepare(`SELECT id FROM workspaces WHERE name LIKE @q ESCAPE '\\' OR environment LIKE @q ESCAPE '\\'`).pluck().all({ q: params.q }) as string[];
      if (workspaces.length) params.workspaces = JSON.stringify(workspaces);
      // Three characters or more: the trigram index (migration 0015) finds the keys whose text holds
      // them, as a phrase (every character literal). A few hundred hits are looked up by rowid and
      // sorted; more (or a shorter query) and every key's text is compared along the list index,
      // which is quicker than sorting thousands of hits.
      const hits = [...filter.query].length >= 3 ? (this.db.prepare(`SELECT rowid FROM keys_search WHERE keys_search MATCH ? LIMIT ${FEW_HITS + 1}`).pluck().all(`"${filter.query.replaceAll('"', '""')}"`) as number[]) : null;
      few = hits !== null && hits.length <= FEW_HITS && !workspaces.length;
      if (few) params.hits = JSON.stringify(hits);
      const text = few
        ? `rowid IN (SELECT value FROM json_each(@hits))`
        : `name LIKE @q ESCAPE '\\' OR masked LIKE @q ESCAPE '\\' OR scopes LIKE @q ESCAPE '\\' OR IFNULL(project_id, '') LIKE @q ESCAPE '\\'`;
      where.push(`(${text}${workspaces.length ? ' OR workspace_id IN (SELECT value FROM json_each(@workspaces))' : ''})`);
    }
    if (filter.current) where.push('(superseded_by IS NULL OR NOT EXISTS (SELECT 1 FROM keys n WHERE n.id = keys.superseded_by))');
    if (filter.hideRevoked) where.push('revoked_at IS NULL');
    if (filter.lifecycle) where.push(LIFECYCLE[filter.lifecycle]);
    // One workspace's keys come from its own index (a few hundred rows, sorted); anything else
    // filtered walks the covering index, which SQLite would not always choose by itself.
    const filtered = where.length > 0 && !filter.workspaceId && !few;
    const from = filtered ? 'keys INDEXED BY keys_list_filter' : 'keys';
    const sql = `SELECT rowid FROM ${from} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${LIST_ORDER}`;
    return this.db.prepare(sql).pluck().all(params) as number[];
  }

  delete(id: string): void {
    this.db.prepare(`DELETE FROM keys WHERE id = ?`).run(id);
  }
}

/** A search with at most this many hits in the trigram index is answered from them. */
const FEW_HITS = 500;

/**
 * The key list's order: name without case, then age; the exact name and the masked form settle
 * keys that share both (the indexes of migration 0012 are in this order, so SQLite never sorts).
 */
export const LIST_ORDER = 'lower(name), created_at, name, masked';

/** What a key summary is made of. */
export const LIST_COLUMNS = [
  'id', 'workspace_id', 'provider', 'name', 'masked', 'remote_id', 'scopes', 'project_id', 'created_at', 'expires_at',
  'valid_from', 'last_used_at', 'revoked_at', 'grace_until', 'remote_deleted_at', 'has_secret', 'source', 'superseded_by',
] as const;

export type SummaryColumns = Pick<KeyRow, (typeof LIST_COLUMNS)[number]>;
export type SummaryRow = SummaryColumns & { rowid: number };

/**
 * Necessary conditions for a status, from which dates are set (empty counts as unset, as in
 * `keyStatus`): a row outside them can never have that status, whatever the clock says.
 */
export type Lifecycle = 'revoked' | 'deleted_remote' | 'live' | 'dated';
const set = (c: string) => `IFNULL(${c}, '') <> ''`;
const unset = (c: string) => `IFNULL(${c}, '') = ''`;
const LIFECYCLE: Record<Lifecycle, string> = {
  revoked: set('revoked_at'),
  deleted_remote: `${unset('revoked_at')} AND ${set('remote_deleted_at')}`,
  /** Not revoked, not deleted at the service: active, grace, expired or working. */
  live: `${unset('revoked_at')} AND ${unset('remote_deleted_at')}`,
  /** Live with a date that can end it: the only rows that can be expired or in grace. */
  dated: `${unset('revoked_at')} AND ${unset('remote_deleted_at')} AND (${set('grace_until')} OR ${set('expires_at')})`,
};
