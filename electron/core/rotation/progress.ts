import type { RotationStep } from '../../../shared/contract/rotation';
import type { ErrorCode } from '../../../shared/result';
import type { Clock, EventSink } from '../ports';
import type { AuditEntry, AuditRepo } from '../store/audit-repo';
import { write, type Db } from '../store/database';
import { detailOf, type Journal, type RotationRow, type RotationState } from './journal';

export type ProgressState = 'started' | 'done' | 'failed' | 'uncertain' | 'skipped';

/**
 * How a rotation tells what happened: the journal row (for the reconciler), the audit log (for
 * the person) and `rotation.progress` events (for the window), always together.
 */
export class RotationProgress {
  constructor(
    private readonly db: Db,
    private readonly journal: Journal,
    private readonly audit: AuditRepo,
    private readonly clock: Clock,
    private readonly events: EventSink,
  ) {}

  now(): string {
    return this.clock.now().toISOString();
  }

  emit(rotationId: string, keyId: string, step: RotationStep, state: ProgressState, message: string, code?: ErrorCode): void {
    this.events.emit({ name: 'rotation.progress', payload: { rotationId, keyId, step, state, message, ...(code ? { code } : {}) } });
  }

  changed(): void {
    this.events.emit({ name: 'vault.changed', payload: { scope: 'keys' } });
  }

  append(entry: AuditEntry): void {
    this.audit.append(this.now(), entry);
  }

  fail(rotationId: string, code: ErrorCode | null, message: string): void {
    const row = this.journal.get(rotationId)!;
    const det = detailOf(row);
    det.message = message;
    det.steps.push({ step: row.step as RotationStep, state: 'failed', at: this.now(), ...(code ? { code } : {}) });
    write(this.db, () => {
      this.journal.update(rotationId, this.now(), { state: 'failed', error_code: code, detail: det });
      this.append({ kind: 'failed', keyId: row.key_id === row.new_key_id ? null : row.key_id, workspaceId: row.workspace_id, summary: message });
    });
    this.emit(rotationId, row.key_id, row.step as RotationStep, 'failed', message, code ?? undefined);
  }

  needsAttention(row: RotationRow, code: ErrorCode, message: string, orphans?: string[]): { state: RotationState; message: string } {
    const det = detailOf(this.journal.get(row.id)!);
    det.message = message;
    if (orphans) det.orphans = orphans;
    write(this.db, () => {
      this.journal.update(row.id, this.now(), { state: 'needs_attention', error_code: code, detail: det });
      this.append({ kind: 'failed', keyId: row.key_id, workspaceId: row.workspace_id, summary: message });
    });
    this.emit(row.id, row.key_id, row.step as RotationStep, 'failed', message, code);
    return { state: 'needs_attention', message };
  }

  setState(rotationId: string, state: RotationState, step: RotationStep, code: ErrorCode | null, message: string): void {
    const det = detailOf(this.journal.get(rotationId)!);
    det.message = message;
    write(this.db, () => this.journal.update(rotationId, this.now(), { state, error_code: code, detail: det }));
    const row = this.journal.get(rotationId)!;
    this.emit(rotationId, row.key_id, step, state === 'uncertain' ? 'uncertain' : 'started', message, code ?? undefined);
  }

  /** The step recorded, with the audit entry that tells of it (if any) in the same transaction. */
  stepDone(rotationId: string, step: RotationStep, state: 'done' | 'failed', code?: ErrorCode, entry?: AuditEntry): void {
    const row = this.journal.get(rotationId)!;
    const det = detailOf(row);
    const now = this.now();
    det.steps.push({ step, state, at: now, ...(code ? { code } : {}) });
    write(this.db, () => {
      this.journal.update(rotationId, now, state === 'done' ? { step, detail: det } : { detail: det });
      if (entry) this.audit.append(now, entry);
    });
    this.emit(rotationId, row.key_id, step, state, state === 'done' ? `${step} done` : `${step} failed (${code})`, code);
  }
}
