import { KeySummarySchema, PROVIDERS, worksAt, type KeySummary } from '../../../shared/domain';
import { vettedList, type Vetted } from '../ipc/list-output';
import type { ParsedInput } from '../../../shared/contract';
import { AppError, notFound } from '../errors';
import type { Clock, EventSink, SecretStore } from '../ports';
import { AuditRepo } from '../store/audit-repo';
import { write, type Db } from '../store/database';
import { KeysRepo, type Lifecycle } from '../store/keys-repo';
import type { KeyRow } from '../store/rows';
import { WorkspacesRepo } from '../store/workspaces-repo';
import { Fingerprinter } from './fingerprint';
import { SummaryCache } from './summary-cache';
import { newKeyId } from './ids';
import { toSummary } from './key-summary';
import { maskSecret } from './mask';

/** Which command revealed a secret, for the audit entry's wording. */
export type RevealVia = 'reveal' | 'read' | 'run' | 'inject';

export class KeyService {
  private readonly keys: KeysRepo;
  private readonly workspaces: WorkspacesRepo;
  private readonly audit: AuditRepo;
  private readonly fingerprints: Fingerprinter;
  private readonly summaries: SummaryCache;

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
    this.summaries = new SummaryCache(db, this.keys, clock);
  }

  /**
   * The rows in list order come from SQLite (rowids only, from an index in list order), or, with
   * no search, workspace or "current only", from the cache's own copy of that order; the summaries
   * come from a cache of vetted, frozen rows kept current from the key change log
   * (summary-cache.ts), and a row's status is taken again when the clock has crossed its expiry or
   * grace date.
   */
  list(filter: ParsedInput<'keys.list'>): readonly KeySummary[] {
    const t = this.clock.now().getTime();
    const { status, provider, hideRevoked } = filter;
    // Walking every key in memory beats SQLite's filtered walk unless a search, one workspace's
    // index or the "current" join narrows the rows first; the summary answers the rest.
    const walkAll = !filter.query && !filter.workspaceId && !filter.current;
    const rowids = walkAll ? null : this.keys.listRowids({ ...filter, lifecycle: status ? LIFECYCLE_OF[status] : undefined });
    const table = this.summaries.current();
    const out: Vetted<KeySummary>[] = [];
    for (const rowid of rowids ?? this.summaries.order(table, () => this.keys.listRowids({}))) {
      if (rowid >= table.boundary.length) continue; // written between the two reads by another process: the next list shows it
      if ((table.early[rowid] === 1) !== t < table.boundary[rowid]!) this.summaries.refresh(table, rowid, t);
      const k = table.summary[rowid];
      if (!k) continue;
      if (walkAll && ((provider && k.provider !== provider) || (hideRevoked && k.revokedAt !== null))) continue;
      if (status === 'working' ? !worksAt(k, t) : status && k.status !== status) continue;
      out.push(k);
    }
    return vettedList(KeySummarySchema, out);
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
