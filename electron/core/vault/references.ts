import { formatReference, isReference, NO_WORKSPACE, parseReference, type KeyReference, type KeySummary } from '../../../shared/domain';
import { AppError } from '../errors';
import type { Clock, EventSink } from '../ports';
import { write, type Db } from '../store/database';
import { KeysRepo } from '../store/keys-repo';
import type { KeyRow, WorkspaceRow } from '../store/rows';
import { WorkspacesRepo } from '../store/workspaces-repo';
import { toSummary } from './key-summary';

/**
 * 'use': the caller wants the secret (read, run, inject): a revoked or deleted head, or one
 * without a secret, is refused. 'manage': the caller acts on the key itself (rotate, revoke,
 * delete, audit): any head that exists will do.
 */
export type ResolvePurpose = 'use' | 'manage';

export interface Resolved {
  row: KeyRow;
  reference: string;
}

/** Where a name is looked for: one workspace, keys outside any workspace, or everywhere. */
type Scope = { kind: 'workspace'; ws: WorkspaceRow } | { kind: 'none' } | { kind: 'any' };

/** A lineage's current end: the last key that exists, and the id of a successor that no longer does. */
interface Head {
  row: KeyRow;
  deletedSuccessor: string | null;
}

const MAX_LINEAGE = 1000;

/**
 * Turns what a person types (a reference, a name or handle, an id) into one key, following
 * rotations: a rotation links the old key to the new one (`superseded_by`), so a reference
 * resolves to the head of that chain and survives every rotation. Ambiguity is refused with
 * the candidates listed; nothing is ever picked by guess.
 */
export class ReferenceService {
  private readonly keys: KeysRepo;
  private readonly workspaces: WorkspacesRepo;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly events: EventSink,
  ) {
    this.keys = new KeysRepo(db);
    this.workspaces = new WorkspacesRepo(db);
  }

  resolveKey(text: string, opts: { workspace?: string; purpose: ResolvePurpose }): Resolved {
    const input = text.trim();
    if (!input) throw new AppError('invalid_input', 'Name a key: a reference (keydeck://workspace/key), a name or handle, or an id (k_…).');
    // An id names exactly one key: scripts that pin an id get that key, not its replacement.
    if (/^k_[A-Za-z0-9_-]+$/.test(input)) {
      const row = this.keys.get(input);
      if (row) {
        if (opts.purpose === 'use') this.checkUsable({ row, deletedSuccessor: null }, input);
        return { row, reference: this.canonical(row) };
      }
    }
    let scope: Scope;
    let name: string;
    const shown = input;
    if (isReference(input)) {
      const ref = parseReference(input);
      if (!ref) throw new AppError('invalid_input', `"${input}" is not a reference Keydeck can read. References look like keydeck://<workspace>/<key>, e.g. keydeck://acme/ci-deploy.`);
      name = ref.key;
      scope = ref.workspace === null ? this.scopeFor(opts.workspace) : this.scopeFor(ref.workspace);
    } else {
      name = input;
      scope = this.scopeFor(opts.workspace);
    }
    const heads = this.headsNamed(name, scope);
    if (heads.length === 0) throw this.unknown(name, scope);
    const chosen = opts.purpose === 'use' ? this.pickUsable(heads, shown) : this.pickOne(heads, shown);
    return { row: chosen.row, reference: this.canonical(chosen.row) };
  }

  resolveWorkspace(text: string): WorkspaceRow {
    const input = text.trim();
    if (/^w_[A-Za-z0-9_-]+$/.test(input)) {
      const row = this.workspaces.get(input);
      if (row) return row;
    }
    const named = this.workspaces.list().filter((w) => w.name.toLowerCase() === input.toLowerCase());
    if (named.length === 1) return named[0]!;
    if (named.length === 0) throw new AppError('not_found', `No workspace named "${input}". "keydeck workspaces" lists them.`);
    throw new AppError('conflict', `${named.length} workspaces are named "${input}": ${named.map((w) => `${w.id} (${w.provider}, ${w.environment})`).join(', ')}. Use the id instead of the name.`);
  }

  /** The key's reference, and whether it leads back to this key today. */
  referenceFor(id: string): KeyReference {
    const row = this.keys.get(id);
    if (!row) throw new AppError('not_found', `No key with id ${id}. It may have been deleted in another window or by the CLI.`);
    const reference = this.canonical(row);
    const head = this.head(row);
    const clash = `Another key in this workspace has the same name. Give this one a handle (keydeck key handle ${row.id} NEW_HANDLE) to tell them apart.`;
    const base = { id: row.id, reference, handle: row.handle ?? null };
    try {
      const resolved = this.resolveKey(reference, { purpose: 'manage' }).row.id;
      if (resolved !== head.row.id) return { ...base, resolvesTo: null, problem: clash };
      const ended = this.deadReason(head);
      return { ...base, resolvesTo: ended ? null : resolved, problem: ended ? `${reference} ${ended}: it no longer resolves.` : null };
    } catch (e) {
      const problem = e instanceof AppError ? (e.code === 'conflict' ? clash : e.message) : 'The reference does not resolve.';
      return { ...base, resolvesTo: null, problem };
    }
  }

  /** A handle is unique per workspace and may not hide another key's name there. null clears it. */
  setHandle(id: string, handle: string | null): KeyReference {
    const row = this.keys.get(id);
    if (!row) throw new AppError('not_found', `No key with id ${id}. It may have been deleted in another window or by the CLI.`);
    write(this.db, () => {
      if (handle !== null) {
        const sameSpace = this.inScope(row.workspace_id);
        const taken = sameSpace.find((k) => k.id !== id && (k.handle ?? '').toLowerCase() === handle.toLowerCase());
        if (taken) throw new AppError('conflict', `"${taken.name}" (${taken.id}) already has the handle "${taken.handle}" in this workspace. Pick another handle.`, { fields: { handle: 'is already used in this workspace' } });
        const myHead = this.head(row).row.id;
        const hidden = sameSpace.find((k) => k.name.toLowerCase() === handle.toLowerCase() && this.head(k).row.id !== myHead);
        if (hidden) throw new AppError('conflict', `Another key in this workspace is named "${hidden.name}" (${hidden.id}); a handle of that name would hide it. Pick another handle.`, { fields: { handle: 'is another key\'s name in this workspace' } });
      }
      this.db.prepare(`UPDATE keys SET handle = ?, updated_at = ? WHERE id = ?`).run(handle, this.clock.now().toISOString(), id);
    });
    this.events.emit({ name: 'vault.changed', payload: { scope: 'keys' } });
    return this.referenceFor(id);
  }

  summary(row: KeyRow): KeySummary {
    return toSummary(row, this.clock.now());
  }

  /** The reference a person would copy: the handle of the key or of an ancestor (it follows rotations), else the name. */
  private canonical(row: KeyRow): string {
    const ws = row.workspace_id ? this.workspaces.get(row.workspace_id) : undefined;
    const wsSegment = !ws ? null : this.workspaces.list().filter((w) => w.name.toLowerCase() === ws.name.toLowerCase()).length > 1 ? ws.id : ws.name;
    return formatReference(wsSegment, this.handleOf(row) ?? row.name);
  }

  private handleOf(row: KeyRow): string | null {
    let cur: KeyRow | undefined = row;
    for (let i = 0; cur && i < MAX_LINEAGE; i++) {
      if (cur.handle) return cur.handle;
      cur = this.db.prepare(`SELECT * FROM keys WHERE superseded_by = ? ORDER BY created_at DESC LIMIT 1`).get(cur.id) as KeyRow | undefined;
    }
    return null;
  }

  private scopeFor(workspace: string | undefined): Scope {
    if (workspace === undefined || workspace === '') return { kind: 'any' };
    if (workspace === NO_WORKSPACE) return { kind: 'none' };
    return { kind: 'workspace', ws: this.resolveWorkspace(workspace) };
  }

  private inScope(workspaceId: string | null): KeyRow[] {
    return workspaceId === null
      ? (this.db.prepare(`SELECT * FROM keys WHERE workspace_id IS NULL`).all() as KeyRow[])
      : this.keys.listByWorkspace(workspaceId);
  }

  /** A handle is chosen by the user to be unique, so a handle match wins over names. */
  private headsNamed(name: string, scope: Scope): Head[] {
    const where = scope.kind === 'workspace' ? 'workspace_id = @ws' : scope.kind === 'none' ? 'workspace_id IS NULL' : '1';
    const params = { ws: scope.kind === 'workspace' ? scope.ws.id : null, name };
    const byHandle = this.db.prepare(`SELECT * FROM keys WHERE ${where} AND lower(handle) = lower(@name)`).all(params) as KeyRow[];
    const rows = byHandle.length ? byHandle : (this.db.prepare(`SELECT * FROM keys WHERE ${where} AND lower(name) = lower(@name) ORDER BY created_at`).all(params) as KeyRow[]);
    const heads = new Map<string, Head>();
    for (const r of rows) {
      const h = this.head(r);
      heads.set(h.deletedSuccessor ?? h.row.id, h);
    }
    return [...heads.values()];
  }

  private head(row: KeyRow): Head {
    let cur = row;
    for (let i = 0; i < MAX_LINEAGE && cur.superseded_by; i++) {
      const next = this.keys.get(cur.superseded_by);
      if (!next) return { row: cur, deletedSuccessor: cur.superseded_by };
      cur = next;
    }
    return { row: cur, deletedSuccessor: null };
  }

  private pickOne(heads: Head[], shown: string): Head {
    const existing = heads.filter((h) => !h.deletedSuccessor);
    if (existing.length === 1) return existing[0]!;
    if (existing.length === 0) throw this.dead(heads[0]!, shown);
    throw this.ambiguous(existing, shown);
  }

  /** Lineages that ended (revoked, deleted) cannot be what anyone means to use, so only live ones compete. */
  private pickUsable(heads: Head[], shown: string): Head {
    const live = heads.filter((h) => this.deadReason(h) === null);
    if (live.length > 1) throw this.ambiguous(live, shown);
    const chosen = live[0] ?? (heads.length === 1 ? heads[0]! : null);
    if (!chosen) throw this.ambiguousDead(heads, shown);
    this.checkUsable(chosen, shown);
    return chosen;
  }

  private checkUsable(head: Head, shown: string): void {
    if (this.deadReason(head) !== null) throw this.dead(head, shown);
    const row = head.row;
    if (row.has_secret !== 1) {
      throw new AppError(
        'not_found',
        `${shown} is "${row.name}" (${row.id}), which Keydeck knows from the service's key list but holds no secret for: services never return a secret after creating it. ` +
          `Attach it by importing the .env file that holds it (keydeck import-env FILE), or rotate the key to get a new secret into the keychain (keydeck rotate ${row.id}).`,
      );
    }
  }

  private deadReason(head: Head): string | null {
    const r = head.row;
    if (head.deletedSuccessor) return `was rotated to ${head.deletedSuccessor}, which has since been deleted from Keydeck`;
    if (r.revoked_at) return `was revoked on ${r.revoked_at.slice(0, 10)}`;
    if (r.remote_deleted_at) return `was deleted at the service (noticed on ${r.remote_deleted_at.slice(0, 10)})`;
    return null;
  }

  private dead(head: Head, shown: string): AppError {
    return new AppError('not_found', `${shown} ${this.deadReason(head) ?? 'no longer resolves'} (key "${head.row.name}", ${head.row.id}). Point it at a live key: create or import one with that name, or use another reference.`);
  }

  private ambiguousDead(heads: Head[], shown: string): AppError {
    return new AppError('not_found', `${shown} no longer resolves: every key it names has ended (${heads.map((h) => `${h.row.id} ${this.deadReason(h)}`).join('; ')}).`);
  }

  private ambiguous(heads: Head[], shown: string): AppError {
    const list = heads.map((h) => `  ${h.row.id}  "${h.row.name}"  ${this.workspaceLabel(h.row)}  ${h.row.handle ? `handle ${h.row.handle}  ` : ''}created ${h.row.created_at.slice(0, 10)}`).join('\n');
    return new AppError(
      'conflict',
      `${shown} is ambiguous: ${heads.length} keys match, and Keydeck never guesses.\n${list}\n` +
        `Use one of the ids, name the workspace (keydeck://<workspace>/<key> or --workspace), or give one key a handle: keydeck key handle ${heads[0]!.row.id} NEW_HANDLE`,
    );
  }

  private unknown(name: string, scope: Scope): AppError {
    const where = scope.kind === 'workspace' ? ` in workspace "${scope.ws.name}"` : scope.kind === 'none' ? ' outside any workspace' : '';
    const list = scope.kind === 'workspace' ? `keydeck keys --workspace '${scope.ws.name}'` : 'keydeck keys';
    return new AppError('not_found', `No key named "${name}"${where}. ${list} lists them.`);
  }

  private workspaceLabel(row: KeyRow): string {
    const ws = row.workspace_id ? this.workspaces.get(row.workspace_id) : undefined;
    return ws ? `in ${ws.name} (${ws.id})` : 'outside any workspace';
  }
}
