import { KeySummarySchema, PROVIDERS, worksAt, type KeySummary } from '../../../shared/domain';
import { vet, vettedList, type Vetted } from '../ipc/list-output';
import type { ParsedInput } from '../../../shared/contract';
import { AppError, notFound } from '../errors';
import type { Clock, EventSink, SecretStore } from '../ports';
import { AuditRepo } from '../store/audit-repo';
import { write, type Db } from '../store/database';
import { KeysRepo, LIST_COLUMNS, type Lifecycle } from '../store/keys-repo';
import type { KeyRow } from '../store/rows';
import { WorkspacesRepo } from '../store/workspaces-repo';
import { Fingerprinter } from './fingerprint';
import { newKeyId } from './ids';
import { keyStatus, statusOf } from './key-status';
import { maskSecret } from './mask';

/** Which command revealed a secret, for the audit entry's wording. */
export type RevealVia = 'reveal' | 'read' | 'run' | 'inject';

export class KeyService {
  private readonly keys: KeysRepo;
  private readonly workspaces: WorkspacesRepo;
  private readonly audit: AuditRepo;
  private readonly fingerprints: Fingerprinter;

  constructor(
    private readonly db: Db,
    private readonly secrets: SecretStore,
    private readonly clock: Clock,
    private readonly events: EventSink,
  ) {
    this.keys = new KeysRepo(db);
    this.workspaces = new WorkspacesRepo(db);
    this.audit = new AuditRepo(db);
    this.fingerprints = new Fingerprinter(secrets);
  }

  /**
   * SQLite filters and orders (rowids only, mostly from an index); the summaries come from a
   * cache of vetted, frozen rows rebuilt whenever any connection has written since it was made,
   * and a row's status is taken again when the clock has crossed its expiry or grace date.
   */
  list(filter: ParsedInput<'keys.list'>): readonly KeySummary[] {
    const t = this.clock.now().getTime();
    const { status } = filter;
    const rowids = this.keys.listRowids({ ...filter, lifecycle: status ? LIFECYCLE_OF[status] : undefined });
    const cache = this.summaries();
    const out: Vetted<KeySummary>[] = [];
    for (const rowid of rowids) {
      if (rowid >= cache.boundary.length) continue; // written between the two reads by another process: the next list shows it
      if ((cache.early[rowid] === 1) !== t < cache.boundary[rowid]!) refresh(cache, rowid, t);
      const k = cache.summary[rowid];
      if (!k) continue;
      if (status === 'working' ? !worksAt(k, t) : status && k.status !== status) continue;
      out.push(k);
    }
    return vettedList(KeySummarySchema, out);
  }

  private cache?: SummaryCache;

  /** `data_version` moves on other connections' commits, `total_changes()` on this one's. */
  private summaries(): SummaryCache {
    const version = `${this.db.prepare('PRAGMA data_version').pluck().get()}:${this.db.prepare('SELECT total_changes()').pluck().get()}`;
    if (this.cache?.version === version) return this.cache;
    const t = this.clock.now().getTime();
    const rows = this.keys.summaryRows();
    // Indexed by rowid (SQLite hands them out in sequence). The dates and flags a list reads for
    // every row sit in typed arrays, so a list of 50,000 keys reads a few compact arrays in name
    // order, not 50,000 objects scattered over the heap.
    const size = rows.reduce((max, r) => Math.max(max, (r[0] as number) + 1), 0);
    const cache: SummaryCache = { version, summary: new Array(size), boundary: new Float64Array(size).fill(NaN), early: new Uint8Array(size), remoteDeleted: new Uint8Array(size) };
    for (const r of rows) {
      const rowid = r[0] as number;
      const graceUntil = r[C.grace_until] as string | null;
      const expiresAt = r[C.expires_at] as string | null;
      const fixed = r[C.revoked_at] || r[C.remote_deleted_at];
      const boundary = fixed ? NaN : graceUntil ? Date.parse(graceUntil) : expiresAt ? Date.parse(expiresAt) : NaN;
      cache.boundary[rowid] = boundary;
      cache.early[rowid] = t < boundary ? 1 : 0;
      cache.remoteDeleted[rowid] = r[C.remote_deleted_at] ? 1 : 0;
      cache.summary[rowid] = summaryOf(r, t);
    }
    this.cache = cache;
    return cache;
  }

  /** The key's rotation lineage, newest first (the key itself included). */
  history(id: string): KeySummary[] {
    this.row(id);
    const now = this.clock.now();
    return this.keys.lineage(id).map((row) => toSummary(row, now));
  }

  get(id: string): KeySummary {
    return toSummary(this.row(id), this.clock.now());
  }

  /**
   * Keychain first, metadata second: a crash between the two leaves an orphan keychain item
   * (harmless, found by `find()`), never a row that promises a secret that does not exist.
   */
  async import(input: ParsedInput<'keys.import'>): Promise<KeySummary> {
    const label = PROVIDERS[input.provider].label;
    let workspaceName = '';
    if (input.workspaceId) {
      const ws = this.workspaces.get(input.workspaceId);
      if (!ws) throw notFound('workspace', input.workspaceId);
      if (ws.provider !== input.provider) {
        throw new AppError('invalid_input', `Workspace "${ws.name}" belongs to another service than ${label}.`, {
          fields: { workspaceId: `is not a ${label} workspace` },
        });
      }
      workspaceName = ws.name;
    }
    const fingerprint = await this.fingerprints.of(input.secret);
    const duplicate = this.keys.findByFingerprint(fingerprint);
    if (duplicate) throw duplicateError(duplicate);

    const id = newKeyId();
    const now = this.clock.now().toISOString();
    await this.secrets.set(id, input.secret);
    try {
      write(this.db, () => {
        const raced = this.keys.findByFingerprint(fingerprint);
        if (raced) throw duplicateError(raced);
        this.keys.insert({
          id,
          workspace_id: input.workspaceId ?? null,
          provider: input.provider,
          remote_id: null,
          name: input.name,
          masked: maskSecret(input.secret),
          fingerprint,
          scopes: JSON.stringify(input.scopes),
          project_id: input.projectId ?? null,
          created_at: now,
          expires_at: input.expiresAt ?? null,
          valid_from: input.validFrom ?? null,
          last_used_at: null,
          revoked_at: null,
          grace_until: null,
          remote_deleted_at: null,
          has_secret: 1,
          source: 'imported',
          updated_at: now,
        });
        this.audit.append(now, {
          kind: 'imported',
          keyId: id,
          workspaceId: input.workspaceId ?? null,
          summary: `Imported ${label} key "${input.name}"${workspaceName ? ` into ${workspaceName}` : ''}`,
        });
      });
    } catch (e) {
      await this.secrets.delete(id).catch(() => false);
      if (e instanceof AppError) throw e;
      throw new AppError('storage_error', 'Keydeck could not save the key to its database; nothing was stored. Try again.');
    }
    this.changed();
    return this.get(id);
  }

  async reveal(id: string, via: RevealVia = 'reveal'): Promise<{ id: string; secret: string }> {
    return { id, secret: await this.secretFor(id, 'revealed', undefined, via) };
  }

  /** The only way a secret leaves the keychain through the core: always audited, once delivered. */
  async secretFor(id: string, purpose: 'revealed' | 'copied', deliver: (secret: string) => Promise<void> | void = () => {}, via: RevealVia = 'reveal'): Promise<string> {
    const row = this.row(id);
    const secret = await this.secrets.get(id);
    if (secret === null) {
      throw new AppError('not_found', `The keychain no longer holds the secret of "${row.name}": it was removed outside Keydeck. Import it again or rotate the key.`);
    }
    // The audit records what happened: a copy the clipboard refused is not a copy.
    await deliver(secret);
    const summary = purpose === 'copied' ? `Copied "${row.name}" to the clipboard` : via === 'reveal' ? `Revealed "${row.name}"` : `Read "${row.name}" for keydeck ${via}`;
    write(this.db, () => this.audit.append(this.clock.now().toISOString(), { kind: purpose, keyId: id, workspaceId: row.workspace_id, summary }));
    this.events.emit({ name: 'vault.changed', payload: { scope: 'audit' } });
    return secret;
  }

  async delete(id: string): Promise<{ id: string }> {
    const row = this.row(id);
    await this.secrets.delete(id);
    write(this.db, () => {
      this.keys.delete(id);
      this.audit.append(this.clock.now().toISOString(), { kind: 'deleted', keyId: id, workspaceId: row.workspace_id, summary: `Deleted local key "${row.name}" and its keychain item` });
    });
    this.changed();
    return { id };
  }

  private row(id: string): KeyRow {
    const row = this.keys.get(id);
    if (!row) throw notFound('key', id);
    return row;
  }

  private changed(): void {
    this.events.emit({ name: 'vault.changed', payload: { scope: 'keys' } });
  }
}

/** Column positions of `summaryRows`' arrays (the rowid comes first). */
const C = Object.fromEntries(LIST_COLUMNS.map((c, i) => [c, i + 1])) as Record<(typeof LIST_COLUMNS)[number], number>;

/**
 * Every key's summary as of one side of its one date that can change its status (expiry, or
 * grace end; NaN where none can), by rowid: `early` says which side it was built on.
 */
interface SummaryCache {
  version: string;
  summary: Array<Vetted<KeySummary> | undefined>;
  boundary: Float64Array;
  early: Uint8Array;
  /** The one column the status needs that a summary does not carry. */
  remoteDeleted: Uint8Array;
}

/** The other side of the key's date: the same summary with the status the clock now gives. */
function refresh(cache: SummaryCache, rowid: number, t: number): void {
  const k = cache.summary[rowid];
  cache.early[rowid] = t < cache.boundary[rowid]! ? 1 : 0;
  if (k) cache.summary[rowid] = vet(KeySummarySchema, { ...k, status: statusOf(k.revokedAt, cache.remoteDeleted[rowid] ? 'yes' : null, k.graceUntil, k.expiresAt, t) });
}

function summaryOf(r: unknown[], t: number): Vetted<KeySummary> {
  return vet(KeySummarySchema, {
    id: r[C.id],
    workspaceId: r[C.workspace_id],
    provider: r[C.provider],
    name: r[C.name],
    masked: r[C.masked],
    remoteId: r[C.remote_id],
    scopes: JSON.parse(r[C.scopes] as string),
    projectId: r[C.project_id],
    createdAt: r[C.created_at],
    expiresAt: r[C.expires_at],
    validFrom: r[C.valid_from] ?? null,
    lastUsedAt: r[C.last_used_at],
    revokedAt: r[C.revoked_at],
    graceUntil: r[C.grace_until],
    status: statusOf(r[C.revoked_at] as string | null, r[C.remote_deleted_at] as string | null, r[C.grace_until] as string | null, r[C.expires_at] as string | null, t),
    hasSecret: r[C.has_secret] === 1,
    source: r[C.source],
    supersededBy: r[C.superseded_by] ?? null,
  });
}

/** Which stored dates a status needs: the rows SQLite may skip before the clock is asked. */
const LIFECYCLE_OF: Record<NonNullable<ParsedInput<'keys.list'>['status']>, Lifecycle> = {
  revoked: 'revoked',
  deleted_remote: 'deleted_remote',
  active: 'live',
  working: 'live',
  grace: 'dated',
  expired: 'dated',
};

function duplicateError(existing: KeyRow): AppError {
  return new AppError('duplicate_key', `This secret is already stored as "${existing.name}". Keydeck keeps one entry per secret.`, {
    fields: { secret: `is already stored as "${existing.name}"` },
  });
}

export function toSummary(row: KeyRow, now: Date): KeySummary {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    provider: row.provider as KeySummary['provider'],
    name: row.name,
    masked: row.masked,
    remoteId: row.remote_id,
    scopes: JSON.parse(row.scopes) as string[],
    projectId: row.project_id,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    validFrom: row.valid_from ?? null,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
    graceUntil: row.grace_until,
    status: keyStatus(row, now),
    hasSecret: row.has_secret === 1,
    source: row.source as KeySummary['source'],
    supersededBy: row.superseded_by ?? null,
  };
}
