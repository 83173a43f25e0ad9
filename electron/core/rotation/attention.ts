import type { ChannelOutput, ParsedInput } from '../../../shared/contract';
import type { AttentionItem, RotationStep } from '../../../shared/contract/rotation';
import type { ErrorCode } from '../../../shared/result';
import { AppError, notFound } from '../errors';
import { write, type Db } from '../store/database';
import type { RotationClients } from './clients';
import { detailOf, type Journal } from './journal';
import type { RotationProgress } from './progress';
import type { Reconciler } from './reconciler';
import type { RotationRecords, Row } from './records';
import type { Retirement } from './retirement';
import type { Revocation } from './revocation';
import type { UsageService } from './usages';

export const badAction = (action: string) => new AppError('invalid_input', `"${action}" does not apply to this item.`, { fields: { action: 'does not apply to this item' } });

/** What needs a person's decision, and the decisions. */
export class Attention {
  constructor(
    private readonly db: Db,
    private readonly journal: Journal,
    private readonly records: RotationRecords,
    private readonly clients: RotationClients,
    private readonly progress: RotationProgress,
    private readonly reconciler: Reconciler,
    private readonly retirement: Retirement,
    private readonly revocation: Revocation,
    private readonly usages: UsageService,
  ) {}

  listRotations(input: ParsedInput<'rotations.list'>): ChannelOutput<'rotations.list'> {
    return this.journal.list(input).map((r) => ({
      id: r.id, keyId: r.key_id, newKeyId: r.new_key_id, workspaceId: r.workspace_id, plan: r.plan, step: r.step as RotationStep, state: r.state,
      errorCode: (r.error_code as ErrorCode | null) ?? null, createdAt: r.created_at, updatedAt: r.updated_at,
    }));
  }

  items(): AttentionItem[] {
    const items: AttentionItem[] = [];
    for (const r of this.journal.attention()) {
      const det = detailOf(r);
      items.push({
        id: r.id, kind: det.orphans?.length ? 'orphan-key' : 'rotation-unresolved', keyId: r.key_id, workspaceId: r.workspace_id, rotationId: r.id,
        message: det.message ?? `The rotation of "${det.name}" did not finish.`, dueAt: null, tokenPage: null, actions: ['retry', 'dismiss'], createdAt: r.created_at,
      });
    }
    const pending = this.db.prepare(`SELECT * FROM keys WHERE retire_mode IS NOT NULL AND revoked_at IS NULL ORDER BY grace_until, name`).all() as Row[];
    for (const k of pending) {
      const ws = k.workspace_id ? this.records.workspaces.get(k.workspace_id) : undefined;
      if (k.retire_mode === 'web-ui') {
        const url = ws ? this.clients.tokenPageUrl(ws) : null;
        items.push({
          id: k.id, kind: 'revoke-in-web-ui', keyId: k.id, workspaceId: k.workspace_id, rotationId: null,
          message: `"${k.name}" is to revoke in the web UI${ws ? ` of ${ws.name}` : ''}. Revoke it there, then confirm: Keydeck checks that it answers 401.`,
          dueAt: null, tokenPage: url, actions: ['confirm-revoked', 'dismiss'], createdAt: k.updated_at,
        });
      } else {
        items.push({
          id: k.id, kind: 'scheduled-revoke', keyId: k.id, workspaceId: k.workspace_id, rotationId: null,
          message: `"${k.name}" keeps working until ${k.grace_until}; Keydeck deletes it then.`, dueAt: k.grace_until, tokenPage: null, actions: ['revoke-now'], createdAt: k.updated_at,
        });
      }
    }
    for (const u of this.usages.stale()) {
      const k = this.records.keysRepo.get(u.key_id);
      items.push({
        id: u.id, kind: 'usage-stale', keyId: u.key_id, workspaceId: k?.workspace_id ?? null, rotationId: null,
        message: `${u.env_var} in ${u.file_path} was not updated (${u.last_outcome}) after "${k?.name ?? u.key_id}" was rotated. Update it by hand.`,
        dueAt: null, tokenPage: null, actions: ['dismiss'], createdAt: u.created_at,
      });
    }
    return items;
  }

  async resolve(input: ParsedInput<'rotations.resolve'>): Promise<ChannelOutput<'rotations.resolve'>> {
    const { id, action } = input;
    if (id.startsWith('r_')) {
      const row = this.journal.get(id);
      if (!row) throw notFound('rotation', id);
      if (action === 'dismiss') {
        this.progress.setState(id, 'failed', row.step as RotationStep, (row.error_code as ErrorCode) ?? null, `Dismissed by the user: ${detailOf(row).message ?? ''}`.trim());
        return { id, resolved: true, message: 'Dismissed.' };
      }
      if (action !== 'retry') throw badAction(action);
      const out = await this.reconciler.row(row, true);
      return { id, resolved: out.state === 'done' || out.state === 'failed', message: out.message };
    }
    if (id.startsWith('u_')) {
      if (action !== 'dismiss') throw badAction(action);
      if (!this.usages.dismiss(id)) throw notFound('usage', id);
      return { id, resolved: true, message: 'Dismissed.' };
    }
    const key = this.records.key(id);
    if (action === 'confirm-revoked') {
      await this.revocation.confirmRevoked(id);
      return { id, resolved: true, message: `"${key.name}" is revoked.` };
    }
    if (action === 'revoke-now') {
      const ws = this.records.keyWorkspace(key);
      await this.retirement.revokeRemote(ws, key);
      return { id, resolved: true, message: `"${key.name}" is revoked.` };
    }
    if (action === 'dismiss' && key.retire_mode === 'web-ui') {
      write(this.db, () => this.records.updateKey(id, { retire_mode: null }, this.progress.now()));
      this.progress.changed();
      return { id, resolved: true, message: `Keydeck no longer reminds you to revoke "${key.name}".` };
    }
    throw badAction(action);
  }
}
