import { randomBytes } from '../crypto';
import type { ErrorCode } from '../../../shared/result';
import type { RotationStep } from '../../../shared/contract/rotation';
import type { Db } from '../store/database';

export type RotationState = 'running' | 'uncertain' | 'done' | 'failed' | 'needs_attention';

/**
 * `create`, `guided` (a pasted token), or the name a provider declares for one of its API
 * rotation methods (`providers/<id>/spec.ts`); the planner maps it back to the method.
 */
export type Plan = string;

/** What the journal keeps besides its columns. Names, ids and times: never a secret. */
export interface RotationDetail {
  oldRemoteId: string | null;
  name: string;
  projectId: string | null;
  /** Seconds the old key keeps working (API plans). */
  graceSeconds: number | null;
  expiresInDays?: number | null;
  startedAt: string;
  /** The old key's expiry before the call: a changed expiry in a listing means /rotate was applied. */
  oldExpiresAt?: string | null;
  /** Remote ids already known locally with the same name: never taken for a half-made key. */
  knownSameName?: string[];
  /** The process running it: the reconciler leaves rows of a live process alone. */
  pid: number;
  /** Set once the provider answered: how the old key is retired and until when it works. */
  method?: 'rotate' | 'cycle' | 'create-then-delete' | 'guided';
  oldValidUntil?: string | null;
  /** Guided: what the user entered for the new token. */
  guided?: { expiresAt: string | null; validFrom: string | null; scopes: string[] | null };
  steps: Array<{ step: RotationStep; state: string; at: string; code?: string }>;
  message?: string;
  warning?: string;
  orphans?: string[];
}

export interface RotationRow {
  id: string;
  key_id: string;
  workspace_id: string | null;
  provider: string;
  plan: string;
  step: string;
  state: RotationState;
  new_key_id: string;
  new_remote_id: string | null;
  error_code: string | null;
  detail: string;
  created_at: string;
  updated_at: string;
}

export const newRotationId = () => `r_${randomBytes(8).toString('hex')}`;

/** The rotations table: written before the first network call, updated after every step. */
export class Journal {
  constructor(private readonly db: Db) {}

  insert(row: Omit<RotationRow, 'detail' | 'updated_at' | 'error_code' | 'new_remote_id'> & { detail: RotationDetail }): void {
    this.db
      .prepare(
        `INSERT INTO rotations (id, key_id, workspace_id, provider, plan, step, state, new_key_id, new_remote_id, error_code, detail, created_at, updated_at)
         VALUES (@id, @key_id, @workspace_id, @provider, @plan, @step, @state, @new_key_id, NULL, NULL, @detail, @created_at, @created_at)`,
      )
      .run({ ...row, detail: JSON.stringify(row.detail) });
  }

  get(id: string): RotationRow | undefined {
    return this.db.prepare(`SELECT * FROM rotations WHERE id = ?`).get(id) as RotationRow | undefined;
  }

  open(): RotationRow[] {
    return this.db.prepare(`SELECT * FROM rotations WHERE state IN ('running', 'uncertain') ORDER BY created_at`).all() as RotationRow[];
  }

  attention(): RotationRow[] {
    return this.db.prepare(`SELECT * FROM rotations WHERE state IN ('uncertain', 'needs_attention') ORDER BY created_at`).all() as RotationRow[];
  }

  /** A key with a rotation still in flight must not be rotated or revoked again. */
  openForKey(keyId: string): RotationRow | undefined {
    return this.db
      .prepare(`SELECT * FROM rotations WHERE (key_id = ? OR new_key_id = ?) AND state IN ('running', 'uncertain') LIMIT 1`)
      .get(keyId, keyId) as RotationRow | undefined;
  }

  list(filter: { keyId?: string; limit: number }): RotationRow[] {
    if (filter.keyId) {
      return this.db.prepare(`SELECT * FROM rotations WHERE key_id = ? OR new_key_id = ? ORDER BY created_at DESC LIMIT ?`).all(filter.keyId, filter.keyId, filter.limit) as RotationRow[];
    }
    return this.db.prepare(`SELECT * FROM rotations ORDER BY created_at DESC LIMIT ?`).all(filter.limit) as RotationRow[];
  }

  update(id: string, now: string, fields: { step?: RotationStep; state?: RotationState; new_remote_id?: string | null; error_code?: ErrorCode | null; plan?: Plan; detail?: RotationDetail }): void {
    const set: Record<string, unknown> = { ...fields, updated_at: now };
    if (fields.detail) set.detail = JSON.stringify(fields.detail);
    const cols = Object.keys(set);
    this.db.prepare(`UPDATE rotations SET ${cols.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`).run({ ...set, id });
  }
}

export const detailOf = (row: RotationRow): RotationDetail => JSON.parse(row.detail) as RotationDetail;
