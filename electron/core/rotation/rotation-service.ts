import { PROVIDERS, type KeySummary, type ProviderId } from '../../../shared/domain';
import type { ChannelOutput, ParsedInput } from '../../../shared/contract';
import type { AttentionItem, RotationResult, RotationStep, UsageReport } from '../../../shared/contract/rotation';
import type { ErrorCode } from '../../../shared/result';
import { AppError, notFound } from '../errors';
import { ProviderError } from '../http';
import type { ProviderClient, ProviderRegistry, RemoteKey } from '../providers';
import type { Clock, EventSink, Logger, SecretStore } from '../ports';
import type { Timers } from '../expiry/scheduler';
import type { SettingsService } from '../settings/settings-service';
import { AuditRepo, type AuditEntry } from '../store/audit-repo';
import { write, type Db } from '../store/database';
import { KeysRepo } from '../store/keys-repo';
import type { KeyRow, WorkspaceRow } from '../store/rows';
import { WorkspacesRepo } from '../store/workspaces-repo';
import { SyncRepo } from '../sync/sync-repo';
import { maskedMatches } from '../sync/match-masked';
import { Fingerprinter } from '../vault/fingerprint';
import { newKeyId } from '../vault/ids';
import { toSummary, type KeyService } from '../vault/key-service';
import { maskSecret } from '../vault/mask';
import { crashPoint } from './crash-hook';
import { detailOf, Journal, newRotationId, type Plan, type RotationDetail, type RotationRow, type RotationState } from './journal';
import { UsageService } from './usages';

export interface RotationDeps {
  db: Db;
  secrets: SecretStore;
  keys: KeyService;
  providers: ProviderRegistry;
  clock: Clock;
  events: EventSink;
  logger: Logger;
  settings: SettingsService;
  timers: Timers;
}

type Row = KeyRow & { retire_mode?: string | null };
type KeyFields = Partial<Pick<Row, 'revoked_at' | 'grace_until' | 'superseded_by' | 'retire_mode' | 'has_secret' | 'remote_deleted_at' | 'expires_at'>>;

const DAY = 86_400;
const DEFAULT_GRACE_SECONDS = 7 * DAY;

/**
 * Create, rotate and revoke, crash-safe by construction (design.md "Rotation"):
 * journal row first; the provider call; the new secret to the keychain at once; metadata;
 * verify; retire the old key; rewrite `.env` usages; finish. Every step is recorded so the
 * reconciler can finish or undo a rotation that a crash interrupted.
 */
export class RotationService {
  readonly usages: UsageService;
  private readonly journal: Journal;
  private readonly keysRepo: KeysRepo;
  private readonly workspaces: WorkspacesRepo;
  private readonly syncRepo: SyncRepo;
  private readonly audit: AuditRepo;
  private readonly fingerprints: Fingerprinter;
  private timer: unknown = null;
  private schedulerOn = false;

  constructor(private readonly d: RotationDeps) {
    this.journal = new Journal(d.db);
    this.keysRepo = new KeysRepo(d.db);
    this.workspaces = new WorkspacesRepo(d.db);
    this.syncRepo = new SyncRepo(d.db);
    this.audit = new AuditRepo(d.db);
    this.fingerprints = new Fingerprinter(d.secrets);
    this.usages = new UsageService(d.db, d.clock, d.events);
  }

  // ───────────────────────────── create ─────────────────────────────

  async create(input: ParsedInput<'keys.create'>): Promise<ChannelOutput<'keys.create'>> {
    const ws = this.workspace(input.workspaceId);
    const provider = ws.provider as ProviderId;
    const info = PROVIDERS[provider];
    if (!info.capabilities.create) {
      throw new AppError('unsupported', `${info.label} tokens are created in its web app (${this.tokenPageUrl(ws) ?? 'its settings'}). Create one there, then import it or use the guided rotation.`);
    }
    if (input.projectId && provider !== 'kernel-sh') {
      throw new AppError('invalid_input', `${info.label} has no projects.`, { fields: { projectId: 'applies to Kernel workspaces only' } });
    }
    const client = await this.managementClient(ws);
    const id = newKeyId();
    const now = this.now();
    const rotationId = newRotationId();
    const detail: RotationDetail = { oldRemoteId: null, name: input.name, projectId: input.projectId ?? null, graceSeconds: null, expiresInDays: input.expiresInDays ?? null, startedAt: now, pid: process.pid, steps: [], knownSameName: this.knownSameName(ws.id, input.name) };
    write(this.d.db, () => this.journal.insert({ id: rotationId, key_id: id, workspace_id: ws.id, provider, plan: 'create', step: 'journal', state: 'running', new_key_id: id, created_at: now, detail }));
    crashPoint('journal', 'create');
    let created;
    try {
      created = await client.create({ name: input.name, ...(provider === 'kernel-sh' ? { expiresInDays: input.expiresInDays ?? null, projectId: input.projectId ?? null } : {}) });
    } catch (e) {
      await this.providerFailed(rotationId, e, `Creating "${input.name}" in ${ws.name}`);
      throw e;
    }
    crashPoint('provider', 'create');
    await this.storeSecret(rotationId, id, created.secret);
    crashPoint('keychain', 'create');
    const fingerprint = await this.fingerprints.of(created.secret);
    write(this.d.db, () => {
      this.insertKey({ id, ws, remote: created.key, name: input.name, secret: created.secret, fingerprint, source: 'created' });
      this.append({ kind: 'created', keyId: id, workspaceId: ws.id, summary: `Created ${info.label} key "${input.name}" in ${ws.name}` });
      this.journal.update(rotationId, this.now(), { step: 'finish', state: 'done', new_remote_id: created.key.remoteId });
    });
    this.changed();
    return { key: this.summary(id), secret: created.secret };
  }

  // ───────────────────────────── rotate ─────────────────────────────

  async rotate(input: ParsedInput<'keys.rotate'>): Promise<RotationResult> {
    const old = this.key(input.id);
    const ws = this.keyWorkspace(old);
    const provider = ws.provider as ProviderId;
    const info = PROVIDERS[provider];
    if (info.capabilities.rotate === 'guided') {
      throw new AppError('unsupported', `${info.label} tokens are rotated by hand: open its token page (${this.tokenPageUrl(ws)}), create the new token, and paste it into Keydeck.`);
    }
    this.assertRotatable(old);
    if (!old.remote_id) {
      throw new AppError('conflict', `"${old.name}" is not linked to a key of ${info.label} yet. Refresh the workspace, then rotate.`);
    }
    const client = await this.managementClient(ws);
    const plan: Plan = provider === 'kernel-sh' ? 'kernel-rotate' : 'kernle-cycle';
    const graceSeconds = provider === 'kernel-sh' ? (input.graceSeconds ?? DEFAULT_GRACE_SECONDS) : 0;
    const rotationId = newRotationId();
    const newId = newKeyId();
    const now = this.now();
    const detail: RotationDetail = {
      oldRemoteId: old.remote_id, name: old.name, projectId: old.project_id, graceSeconds, expiresInDays: input.expiresInDays, startedAt: now, pid: process.pid,
      steps: [{ step: 'journal', state: 'done', at: now }], oldExpiresAt: old.expires_at, knownSameName: this.knownSameName(ws.id, old.name),
    };
    write(this.d.db, () => this.journal.insert({ id: rotationId, key_id: old.id, workspace_id: ws.id, provider, plan, step: 'journal', state: 'running', new_key_id: newId, created_at: now, detail }));
    this.progress(rotationId, old.id, 'journal', 'done', `Rotation of "${old.name}" recorded`);
    crashPoint('journal', plan);

    this.progress(rotationId, old.id, 'provider', 'started', `Asking ${info.label} for a new key`);
    let result;
    try {
      result = await client.rotate(old.remote_id, {
        graceDays: graceSeconds === 0 ? 0 : Math.ceil(graceSeconds / DAY),
        ...(input.expiresInDays !== undefined ? { expiresInDays: input.expiresInDays } : {}),
        onFallback: 'keep-old',
      });
    } catch (e) {
      if (mayHaveApplied(e)) {
        // Never sent again: the service may have applied it. Look instead.
        this.setState(rotationId, 'uncertain', 'provider', e.code, `${info.label} did not answer the rotation of "${old.name}" (${e.code}); Keydeck is checking the key list.`);
        const outcome = await this.reconcileRow(this.journal.get(rotationId)!).catch(() => null);
        if (outcome?.result) return { ...outcome.result, warning: `${info.label} did not answer at first (${e.code}); Keydeck checked its key list and finished the rotation. ${outcome.result.warning ?? ''}`.trim() };
        throw new AppError(e.code, `${info.label} did not answer the rotation of "${old.name}" (${e.code}). ${outcome?.message ?? 'Keydeck will check the key list again at next start.'}`);
      }
      await this.providerFailed(rotationId, e, `Rotating "${old.name}"`);
      throw e;
    }
    crashPoint('provider', plan);
    await this.storeSecret(rotationId, newId, result.created.secret);
    this.progress(rotationId, old.id, 'keychain', 'done', 'New secret saved in the keychain');
    crashPoint('keychain', plan);
    const method = result.method === 'create-then-delete' ? 'create-then-delete' : result.method;
    await this.commitNew(rotationId, {
      plan: method === 'create-then-delete' ? 'kernel-create-then-delete' : plan,
      remote: { ...result.created.key, name: result.created.key.name || old.name },
      secret: result.created.secret,
      method,
      oldValidUntil: result.oldValidUntil,
    });
    return this.advance(rotationId, { secret: result.created.secret, warning: result.warning });
  }

  // ───────────────────────────── guided ─────────────────────────────

  async guidedRotate(input: ParsedInput<'keys.guidedRotate'>): Promise<RotationResult> {
    const old = this.key(input.id);
    const ws = this.keyWorkspace(old);
    const provider = ws.provider as ProviderId;
    const info = PROVIDERS[provider];
    if (info.capabilities.rotate !== 'guided') {
      throw new AppError('unsupported', `${info.label} keys rotate in one click: use Rotate instead of pasting a token.`);
    }
    this.assertRotatable(old);
    if ((await this.d.secrets.get(old.id)) === input.secret) {
      throw new AppError('invalid_input', 'This is the old token. Create a new one in the web app and paste that.', { fields: { secret: 'is the token being replaced' } });
    }
    const fingerprint = await this.fingerprints.of(input.secret);
    const dup = this.keysRepo.findByFingerprint(fingerprint);
    if (dup) throw new AppError('duplicate_key', `This token is already stored as "${dup.name}".`, { fields: { secret: `is already stored as "${dup.name}"` } });

    const rotationId = newRotationId();
    const newId = newKeyId();
    const now = this.now();
    const name = input.name ?? old.name;
    const detail: RotationDetail = {
      oldRemoteId: old.remote_id, name, projectId: null, graceSeconds: null, startedAt: now, pid: process.pid, steps: [{ step: 'journal', state: 'done', at: now }],
      guided: { expiresAt: input.expiresAt ?? null, validFrom: input.validFrom ?? null, scopes: input.scopes ?? null },
    };
    write(this.d.db, () => this.journal.insert({ id: rotationId, key_id: old.id, workspace_id: ws.id, provider, plan: 'guided', step: 'journal', state: 'running', new_key_id: newId, created_at: now, detail }));
    this.progress(rotationId, old.id, 'journal', 'done', `Rotation of "${old.name}" recorded`);
    crashPoint('journal', 'guided');

    this.progress(rotationId, old.id, 'provider', 'started', `Checking the new token with ${info.label}`);
    let probe;
    try {
      probe = await this.clientFor(ws, input.secret).probe();
    } catch (e) {
      await this.providerFailed(rotationId, e, `Checking the new token for "${old.name}"`);
      throw e;
    }
    if (probe.state === 'rejected') {
      this.fail(rotationId, 'auth_failed', `The pasted token for "${old.name}" was rejected`);
      throw new AppError('auth_failed', `${info.label} rejected the pasted token (401): it is wrong, expired, or not valid yet. Nothing was changed; the old token is still in use.`, { fields: { secret: 'was rejected by the service' } });
    }
    crashPoint('provider', 'guided');
    await this.storeSecret(rotationId, newId, input.secret);
    this.progress(rotationId, old.id, 'keychain', 'done', 'New token saved in the keychain');
    crashPoint('keychain', 'guided');
    const remote: RemoteKey = {
      remoteId: '', name, masked: maskSecret(input.secret), scopes: input.scopes ?? (JSON.parse(old.scopes) as string[]), projectId: null,
      createdAt: now, expiresAt: input.expiresAt ?? null, lastUsedAt: null, active: true, revokedAt: null, deletedAt: null,
    };
    await this.commitNew(rotationId, { plan: 'guided', remote, secret: input.secret, method: 'guided', oldValidUntil: null, validFrom: input.validFrom ?? null });
    return this.advance(rotationId, { secret: input.secret, verified: probe.state === 'valid', hideSecret: true });
  }

  // ───────────────────────────── revoke ─────────────────────────────

  async revoke(input: ParsedInput<'keys.revoke'>): Promise<ChannelOutput<'keys.revoke'>> {
    const key = this.key(input.id);
    const ws = this.keyWorkspace(key);
    const info = PROVIDERS[ws.provider as ProviderId];
    if (ws.management_key_id === key.id) {
      throw new AppError('conflict', `"${key.name}" is the management key ${ws.name} itself uses, and a key cannot revoke itself. Connect the workspace with another key first, then revoke this one.`);
    }
    if (ws.environment === 'prod' && input.confirmName !== key.name) {
      throw new AppError('invalid_input', `Revoking "${key.name}" in ${ws.name} (prod) cannot be undone: type the key's name to confirm.`, { fields: { confirmName: `must be "${key.name}"` } });
    }
    if (key.revoked_at) throw new AppError('conflict', `"${key.name}" is already revoked.`);
    if (this.journal.openForKey(key.id)) throw new AppError('conflict', `"${key.name}" is being rotated. Wait for the rotation to finish, or resolve it first.`);
    if (info.capabilities.revoke === 'guided') {
      const now = this.now();
      write(this.d.db, () => this.updateKey(key.id, { retire_mode: 'web-ui' }, now));
      this.changed();
      return { key: this.summary(key.id), state: 'pending-web-ui', tokenPage: this.tokenPageUrl(ws) };
    }
    if (!key.remote_id) throw new AppError('conflict', `"${key.name}" is not linked to a key of ${info.label}. Refresh the workspace, then revoke.`);
    await this.revokeRemote(ws, key);
    return { key: this.summary(key.id), state: 'revoked', tokenPage: null };
  }

  async confirmRevoked(id: string): Promise<ChannelOutput<'keys.confirmRevoked'>> {
    const key = this.key(id);
    const ws = this.keyWorkspace(key);
    const info = PROVIDERS[ws.provider as ProviderId];
    if (key.revoked_at) return { key: this.summary(id), state: 'revoked', tokenPage: null };
    const secret = await this.d.secrets.get(id);
    if (secret === null) throw new AppError('not_found', `Keydeck does not hold the secret of "${key.name}", so it cannot check it. Confirm in ${info.label}'s web app that it is gone.`);
    const probe = await this.clientFor(ws, secret).probe();
    if (probe.state !== 'rejected') {
      throw new AppError('conflict', `"${key.name}" still works at ${info.label}. Revoke it in the web app (${this.tokenPageUrl(ws) ?? 'its settings'}), then confirm again.`);
    }
    await this.markRevoked(key, ws, `Confirmed "${key.name}" is revoked at ${info.label} (it answers 401)`);
    return { key: this.summary(id), state: 'revoked', tokenPage: null };
  }

  tokenPage(workspaceId: string): ChannelOutput<'keys.tokenPage'> {
    const ws = this.workspace(workspaceId);
    const url = this.tokenPageUrl(ws);
    if (!url) throw new AppError('unsupported', `${PROVIDERS[ws.provider as ProviderId].label} keys are managed through its API: no token page is needed.`);
    return { url };
  }

  // ───────────────────────────── journal views ─────────────────────────────

  listRotations(input: ParsedInput<'rotations.list'>): ChannelOutput<'rotations.list'> {
    return this.journal.list(input).map((r) => ({
      id: r.id, keyId: r.key_id, newKeyId: r.new_key_id, workspaceId: r.workspace_id, plan: r.plan, step: r.step as RotationStep, state: r.state,
      errorCode: (r.error_code as ErrorCode | null) ?? null, createdAt: r.created_at, updatedAt: r.updated_at,
    }));
  }

  attention(): AttentionItem[] {
    const items: AttentionItem[] = [];
    for (const r of this.journal.attention()) {
      const det = detailOf(r);
      items.push({
        id: r.id, kind: det.orphans?.length ? 'orphan-key' : 'rotation-unresolved', keyId: r.key_id, workspaceId: r.workspace_id, rotationId: r.id,
        message: det.message ?? `The rotation of "${det.name}" did not finish.`, dueAt: null, tokenPage: null, actions: ['retry', 'dismiss'], createdAt: r.created_at,
      });
    }
    const pending = this.d.db.prepare(`SELECT * FROM keys WHERE retire_mode IS NOT NULL AND revoked_at IS NULL ORDER BY grace_until, name`).all() as Row[];
    for (const k of pending) {
      const ws = k.workspace_id ? this.workspaces.get(k.workspace_id) : undefined;
      if (k.retire_mode === 'web-ui') {
        const url = ws ? this.tokenPageUrl(ws) : null;
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
      const k = this.keysRepo.get(u.key_id);
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
        this.setState(id, 'failed', row.step as RotationStep, (row.error_code as ErrorCode) ?? null, `Dismissed by the user: ${detailOf(row).message ?? ''}`.trim());
        return { id, resolved: true, message: 'Dismissed.' };
      }
      if (action !== 'retry') throw badAction(action);
      const out = await this.reconcileRow(row, true);
      return { id, resolved: out.state === 'done' || out.state === 'failed', message: out.message };
    }
    if (id.startsWith('u_')) {
      if (action !== 'dismiss') throw badAction(action);
      if (!this.usages.dismiss(id)) throw notFound('usage', id);
      return { id, resolved: true, message: 'Dismissed.' };
    }
    const key = this.key(id);
    if (action === 'confirm-revoked') {
      await this.confirmRevoked(id);
      return { id, resolved: true, message: `"${key.name}" is revoked.` };
    }
    if (action === 'revoke-now') {
      const ws = this.keyWorkspace(key);
      await this.revokeRemote(ws, key);
      return { id, resolved: true, message: `"${key.name}" is revoked.` };
    }
    if (action === 'dismiss' && key.retire_mode === 'web-ui') {
      write(this.d.db, () => this.updateKey(id, { retire_mode: null }, this.now()));
      this.changed();
      return { id, resolved: true, message: `Keydeck no longer reminds you to revoke "${key.name}".` };
    }
    throw badAction(action);
  }

  // ───────────────────────────── reconciler ─────────────────────────────

  /**
   * Run at every start (app and CLI): finishes or undoes every unfinished journal row, then
   * deletes old keys whose Keydeck-managed grace has passed. Rows of a process that is still
   * alive (the app while the CLI starts) are left to it.
   */
  async reconcile(): Promise<{ reconciled: number; attention: number }> {
    let reconciled = 0;
    for (const row of this.journal.open()) {
      const det = detailOf(row);
      if (det.pid !== process.pid && alive(det.pid)) continue;
      if (det.pid === process.pid) continue;
      try {
        await this.reconcileRow(row);
        reconciled++;
      } catch (e) {
        this.d.logger.warn('reconcile failed', { rotationId: row.id, code: e instanceof AppError ? e.code : 'internal' });
      }
    }
    await this.retireDue();
    return { reconciled, attention: this.journal.attention().length };
  }

  /** The app's timer for Keydeck-managed grace deletions (the CLI relies on reconcile at start). */
  startScheduler(): void {
    this.schedulerOn = true;
    this.scheduleNext();
  }

  stop(): void {
    this.schedulerOn = false;
    if (this.timer !== null) this.d.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  /** Deletes, through the API, every old key whose Keydeck-managed grace has passed. */
  async retireDue(): Promise<number> {
    const due = this.d.db.prepare(`SELECT * FROM keys WHERE retire_mode = 'api' AND revoked_at IS NULL AND grace_until <= ?`).all(this.now()) as Row[];
    let n = 0;
    for (const k of due) {
      try {
        await this.revokeRemote(this.keyWorkspace(k), k);
        n++;
      } catch (e) {
        this.d.logger.warn('scheduled revoke failed', { keyId: k.id, code: e instanceof AppError ? e.code : 'internal' });
      }
    }
    this.scheduleNext();
    return n;
  }

  private scheduleNext(): void {
    if (!this.schedulerOn) return;
    if (this.timer !== null) this.d.timers.clearTimeout(this.timer);
    this.timer = null;
    const next = this.d.db.prepare(`SELECT MIN(grace_until) AS t FROM keys WHERE retire_mode = 'api' AND revoked_at IS NULL`).get() as { t: string | null };
    if (!next.t) return;
    const ms = Math.min(Math.max(0, Date.parse(next.t) - this.d.clock.now().getTime()), 2 ** 31 - 1);
    this.timer = this.d.timers.setTimeout(() => {
      this.timer = null;
      void this.retireDue();
    }, ms);
  }

  /** Finishes or undoes one row. Looks (lists keys), never repeats a non-idempotent call blindly. */
  private async reconcileRow(row: RotationRow, byUser = false): Promise<{ state: RotationState; message: string; result?: RotationResult }> {
    const det = detailOf(row);
    const committed = ['metadata', 'verify', 'retire', 'usages'].includes(row.step) || !!this.keysRepo.get(row.new_key_id);
    if (row.state === 'done') return { state: 'done', message: 'Already finished.' };
    if (committed && row.plan !== 'create') {
      if (byUser || row.state !== 'running') this.setState(row.id, 'running', row.step as RotationStep, null, det.message ?? '');
      const result = await this.advance(row.id, {});
      return { state: result.state, message: result.warning ?? 'Finished.', result };
    }
    const ws = row.workspace_id ? this.workspaces.get(row.workspace_id) : undefined;
    if (!ws) return this.needsAttention(row, 'internal', `The workspace of "${det.name}" no longer exists; check the service's key list by hand.`);
    const secret = await this.d.secrets.get(row.new_key_id);

    if (row.plan === 'guided') {
      if (secret === null) {
        return this.needsAttention(row, 'internal', `A token pasted for "${det.name}" may not have been saved before Keydeck stopped. The old token still works. Paste the new token again, or revoke it in the web app.`);
      }
      const old = this.key(row.key_id);
      const remote: RemoteKey = { remoteId: '', name: det.name, masked: maskSecret(secret), scopes: det.guided?.scopes ?? (JSON.parse(old.scopes) as string[]), projectId: null, createdAt: det.startedAt, expiresAt: det.guided?.expiresAt ?? null, lastUsedAt: null, active: true, revokedAt: null, deletedAt: null };
      await this.commitNew(row.id, { plan: 'guided', remote, secret, method: 'guided', oldValidUntil: null, validFrom: det.guided?.validFrom ?? null });
      const result = await this.advance(row.id, { secret, hideSecret: true });
      return { state: result.state, message: 'Adopted the pasted token that reached the keychain.', result };
    }

    let client: ProviderClient;
    let remote: RemoteKey[];
    try {
      client = await this.managementClient(ws);
      remote = await client.list();
    } catch (e) {
      const code = e instanceof AppError ? e.code : 'internal';
      this.setState(row.id, 'uncertain', row.step as RotationStep, code, `Keydeck could not list ${ws.name}'s keys (${code}) to finish the rotation of "${det.name}". It tries again at next start; you can also retry now.`);
      return { state: 'uncertain', message: `Could not list keys (${code}).` };
    }
    const held = new Set((this.d.db.prepare(`SELECT remote_id FROM keys WHERE workspace_id = ? AND remote_id IS NOT NULL AND has_secret = 1`).all(ws.id) as Array<{ remote_id: string }>).map((r) => r.remote_id));
    const since = Date.parse(det.startedAt) - 10 * 60_000;
    const candidates = remote.filter(
      (k) => k.active && !k.deletedAt && k.remoteId !== det.oldRemoteId && !held.has(k.remoteId) && !(det.knownSameName ?? []).includes(k.remoteId) && (k.name === det.name || k.name === '') && (!k.createdAt || Date.parse(k.createdAt) >= since),
    );
    const match = secret ? (candidates.find((k) => maskedMatches(k.masked, secret)) ?? (candidates.length === 1 ? candidates[0] : undefined)) : undefined;
    const orphans = candidates.filter((k) => k !== match);
    const failedOrphans = await this.revokeOrphans(client, row, orphans);
    const oldRemote = det.oldRemoteId ? remote.find((k) => k.remoteId === det.oldRemoteId) : undefined;
    const oldExpiresAt = det.oldExpiresAt ?? null;
    const oldTouched = !!det.oldRemoteId && (!oldRemote || !oldRemote.active || !!oldRemote.deletedAt || (oldRemote.expiresAt ?? null) !== oldExpiresAt);
    if (failedOrphans.length) {
      return this.needsAttention(row, 'provider_unavailable', `Keydeck found ${failedOrphans.length} key(s) named "${det.name}" in ${ws.name} that it has no secret for (${failedOrphans.join(', ')}) and could not delete them. Delete them at the service.`, failedOrphans);
    }

    if (row.plan === 'create') {
      if (secret !== null && match) {
        const fingerprint = await this.fingerprints.of(secret);
        write(this.d.db, () => {
          this.insertKey({ id: row.new_key_id, ws, remote: match, name: det.name, secret, fingerprint, source: 'created' });
          this.append({ kind: 'created', keyId: row.new_key_id, workspaceId: ws.id, summary: `Created "${det.name}" in ${ws.name} (finished after a restart)` });
          this.journal.update(row.id, this.now(), { step: 'finish', state: 'done', new_remote_id: match.remoteId });
        });
        this.changed();
        return { state: 'done', message: `Adopted the created key "${det.name}".` };
      }
      if (secret !== null) await this.d.secrets.delete(row.new_key_id);
      this.fail(row.id, 'internal', `Creating "${det.name}" was interrupted${orphans.length ? '; the half-made key was deleted' : ' before the service made it'}. Create it again.`);
      return { state: 'failed', message: 'Create undone.' };
    }

    if (secret !== null && match) {
      // The secret reached the keychain: adopt the key the service made for it.
      const method = row.plan === 'kernle-cycle' ? 'cycle' : oldTouched ? 'rotate' : 'create-then-delete';
      await this.commitNew(row.id, {
        plan: method === 'create-then-delete' ? 'kernel-create-then-delete' : (row.plan as Plan), remote: { ...match, name: match.name || det.name }, secret, method,
        oldValidUntil: method === 'rotate' ? (oldRemote?.expiresAt ?? null) : null,
      });
      const result = await this.advance(row.id, { secret });
      return { state: result.state, message: 'Adopted the new key that reached the keychain.', result };
    }
    if (secret !== null) await this.d.secrets.delete(row.new_key_id);
    if (!oldTouched && orphans.length === 0 && row.state === 'uncertain') {
      // A slow service may still apply it later: say so, and let the user check again.
      this.needsAttention(row, (row.error_code as ErrorCode | null) ?? 'network', `${PROVIDERS[ws.provider as ProviderId].label} did not answer the rotation of "${det.name}", and its key list shows no change yet. The old key still works. "Retry" checks the list again; rotate again once it shows nothing.`);
      return { state: 'needs_attention', message: 'No change found at the service yet; the old key is unchanged.' };
    }
    if (!oldTouched && orphans.length === 0) {
      this.fail(row.id, row.error_code as ErrorCode | null ?? 'network', `The rotation of "${det.name}" stopped before ${PROVIDERS[ws.provider as ProviderId].label} changed anything. The old key is unchanged; rotate again.`);
      return { state: 'failed', message: 'Nothing had changed at the service; the old key is unchanged.' };
    }
    // Applied, but the new secret was lost: its orphan is gone (above); make a replacement so a
    // working key exists again, deliberately (after looking), with the management key.
    return this.replace(row, ws, client, oldRemote, oldTouched);
  }

  private async replace(row: RotationRow, ws: WorkspaceRow, client: ProviderClient, oldRemote: RemoteKey | undefined, oldTouched: boolean): Promise<{ state: RotationState; message: string; result?: RotationResult }> {
    const det = detailOf(row);
    const old = this.keysRepo.get(row.key_id);
    if (old && ws.management_key_id === old.id && (!oldRemote || !oldRemote.active || oldRemote.deletedAt)) {
      return this.needsAttention(row, 'auth_failed', `The management key of ${ws.name} was rotated but its new secret was lost. Create a key in the service's dashboard and connect the workspace again.`);
    }
    let created;
    try {
      const lifetime = det.expiresInDays !== undefined ? det.expiresInDays : lifetimeOf(old?.created_at ?? null, det.oldExpiresAt ?? null);
      created = await client.create({ name: det.name, ...(ws.provider === 'kernel-sh' ? { projectId: det.projectId, expiresInDays: lifetime } : {}) });
    } catch (e) {
      const code = e instanceof AppError ? e.code : 'internal';
      return this.needsAttention(row, code, `The rotation of "${det.name}" was applied but its new secret was lost; the half-made key was deleted, and making a replacement failed (${code}). Retry, or create a key by hand.`);
    }
    await this.storeSecret(row.id, row.new_key_id, created.secret);
    const kernleDead = ws.provider === 'kernle';
    await this.commitNew(row.id, {
      plan: kernleDead ? 'kernle-cycle' : oldTouched ? 'kernel-rotate' : 'kernel-create-then-delete',
      remote: created.key, secret: created.secret, method: kernleDead ? 'cycle' : oldTouched ? 'rotate' : 'create-then-delete',
      oldValidUntil: oldTouched ? (oldRemote?.expiresAt ?? null) : null,
    });
    const result = await this.advance(row.id, { secret: created.secret, warning: `The first new key's secret was lost when Keydeck stopped; it was deleted and replaced by "${det.name}" (${maskSecret(created.secret)}).` });
    return { state: result.state, message: 'Replaced a new key whose secret was lost.', result };
  }

  private async revokeOrphans(client: ProviderClient, row: RotationRow, orphans: RemoteKey[]): Promise<string[]> {
    const failed: string[] = [];
    for (const o of orphans) {
      try {
        await client.revoke(o.remoteId);
      } catch (e) {
        if (e instanceof ProviderError && e.code === 'not_found') continue;
        failed.push(o.remoteId);
        continue;
      }
      this.append({ kind: 'revoked', keyId: null, workspaceId: row.workspace_id, summary: `Deleted key ${o.remoteId} ("${o.name}"): a rotation made it but its secret never reached the keychain` });
    }
    const det = detailOf(row);
    if (orphans.length) write(this.d.db, () => this.journal.update(row.id, this.now(), { detail: { ...det, orphans: orphans.map((o) => o.remoteId) } }));
    return failed;
  }

  // ───────────────────────────── steps ─────────────────────────────

  /** Metadata: the new key row, the old key superseded (and the workspace's management key moved). One transaction. */
  private async commitNew(rotationId: string, c: { plan: Plan; remote: RemoteKey; secret: string; method: NonNullable<RotationDetail['method']>; oldValidUntil: string | null; validFrom?: string | null }): Promise<void> {
    const row = this.journal.get(rotationId)!;
    const det = detailOf(row);
    const old = this.key(row.key_id);
    const ws = this.keyWorkspace(old);
    const fingerprint = await this.fingerprints.of(c.secret);
    const now = this.now();
    write(this.d.db, () => {
      if (!this.keysRepo.get(row.new_key_id)) {
        this.insertKey({ id: row.new_key_id, ws, remote: c.remote, name: c.remote.name || det.name, secret: c.secret, fingerprint, source: 'created', validFrom: c.validFrom ?? null, projectId: c.remote.projectId ?? old.project_id });
      }
      this.updateKey(old.id, { superseded_by: row.new_key_id }, now);
      if (ws.management_key_id === old.id) this.workspaces.update(ws.id, { management_key_id: row.new_key_id }, now);
      this.append({ kind: 'rotated', keyId: old.id, workspaceId: ws.id, summary: `Rotated "${old.name}" in ${ws.name}: new key ${maskSecret(c.secret)} (${c.method})` });
      det.method = c.method;
      det.oldValidUntil = c.oldValidUntil;
      det.steps.push({ step: 'metadata', state: 'done', at: now });
      this.journal.update(rotationId, now, { step: 'metadata', plan: c.plan, new_remote_id: c.remote.remoteId || null, detail: det });
    });
    this.changed();
    this.progress(rotationId, old.id, 'metadata', 'done', 'New key recorded; the old one is marked as replaced');
    crashPoint('metadata', c.plan);
  }

  /** verify → retire → usages → finish, from wherever the journal says it stopped. */
  private async advance(rotationId: string, ctx: { secret?: string; verified?: boolean; warning?: string; hideSecret?: boolean }): Promise<RotationResult> {
    let row = this.journal.get(rotationId)!;
    const plan = row.plan as Plan;
    const old = this.key(row.key_id);
    const ws = this.keyWorkspace(old);
    const info = PROVIDERS[ws.provider as ProviderId];
    const secret = ctx.secret ?? (await this.d.secrets.get(row.new_key_id));
    const warnings: string[] = ctx.warning ? [ctx.warning] : [];
    if (secret === null) {
      this.needsAttention(row, 'keychain_unavailable', `The keychain no longer holds the new key of "${old.name}". Reveal is impossible; rotate again.`);
      throw new AppError('keychain_unavailable', `The keychain no longer holds the new key of "${old.name}". Rotate it again.`);
    }
    let verifiedOk = true;
    if (row.step === 'metadata') {
      this.progress(rotationId, old.id, 'verify', 'started', `Checking the new key with ${info.label}`);
      let state: 'valid' | 'rejected' | 'forbidden' | 'error' = ctx.verified ? 'valid' : 'error';
      let code: ErrorCode | undefined;
      if (!ctx.verified) {
        try {
          state = (await this.clientFor(ws, secret).probe()).state;
        } catch (e) {
          code = e instanceof AppError ? e.code : 'internal';
        }
      }
      verifiedOk = state === 'valid' || state === 'forbidden';
      // A failed verify stays at 'metadata' (Kernle's old key is gone already, so it goes on regardless).
      this.stepDone(rotationId, 'verify', verifiedOk || plan === 'kernle-cycle' ? 'done' : 'failed', code ?? (state === 'rejected' ? 'auth_failed' : undefined));
      if (verifiedOk) this.append({ kind: 'verified', keyId: row.new_key_id, workspaceId: ws.id, summary: `Verified the new key of "${old.name}" with ${info.label}` });
      else {
        warnings.push(`The new key could not be verified (${code ?? state}); the old key was kept working. Retry from "Needs attention".`);
        this.append({ kind: 'failed', keyId: row.new_key_id, workspaceId: ws.id, summary: `Verifying the new key of "${old.name}" failed (${code ?? state})` });
      }
      crashPoint('verify', plan);
      row = this.journal.get(rotationId)!;
    }
    const det = detailOf(row);
    let retire: RotationResult['retire'] = { method: 'kept', validUntil: null, tokenPage: null };
    if (!verifiedOk && plan !== 'kernle-cycle') {
      // Destructive retirement waits for a verified new key.
      this.needsAttention(row, 'auth_failed', `The new key of "${old.name}" could not be verified; the old key was kept. Retry to check again.`);
      return this.result(rotationId, secret, ctx.hideSecret, retire, [], warnings);
    }
    if (row.step === 'verify') {
      this.progress(rotationId, old.id, 'retire', 'started', 'Retiring the old key');
      retire = await this.retireOld(row, det, old, ws, warnings);
      this.stepDone(rotationId, 'retire', 'done');
      crashPoint('retire', plan);
      row = this.journal.get(rotationId)!;
    } else {
      retire = this.retireView(this.key(old.id), ws, plan);
    }
    let usages: UsageReport[] = [];
    if (row.step === 'retire') {
      this.progress(rotationId, old.id, 'usages', 'started', 'Updating recorded .env files');
      const oldSecret = await this.d.secrets.get(old.id);
      usages = this.usages.apply(old.id, row.new_key_id, oldSecret, secret, this.d.settings.get().envBackup);
      const bad = usages.filter((u) => u.outcome !== 'updated');
      if (bad.length) warnings.push(`${bad.length} recorded .env file(s) were not updated: ${bad.map((u) => u.filePath).join(', ')}.`);
      this.stepDone(rotationId, 'usages', 'done');
      crashPoint('usages', plan);
    }
    // Finish: a dead old key's secret has no use left.
    const oldNow = this.key(old.id);
    if (oldNow.revoked_at && oldNow.has_secret) {
      await this.d.secrets.delete(old.id).catch(() => false);
      write(this.d.db, () => this.updateKey(old.id, { has_secret: 0 }, this.now()));
    }
    const fin = detailOf(this.journal.get(rotationId)!);
    if (warnings.length) fin.warning = warnings.join(' ');
    fin.steps.push({ step: 'finish', state: 'done', at: this.now() });
    write(this.d.db, () => this.journal.update(rotationId, this.now(), { step: 'finish', state: 'done', error_code: null, detail: fin }));
    this.progress(rotationId, old.id, 'finish', 'done', `"${old.name}" rotated`);
    this.changed();
    this.scheduleNext();
    return this.result(rotationId, secret, ctx.hideSecret, retire, usages, warnings);
  }

  private async retireOld(row: RotationRow, det: RotationDetail, old: Row, ws: WorkspaceRow, warnings: string[]): Promise<RotationResult['retire']> {
    const plan = row.plan as Plan;
    const now = this.d.clock.now();
    const g = det.graceSeconds ?? 0;
    const at = (s: number) => new Date(Date.parse(det.startedAt) + s * 1000).toISOString();
    if (plan === 'kernle-cycle') {
      await this.markRevoked(old, ws, `"${old.name}" stopped working when Kernle cycled it`, false);
      return { method: 'immediate', validUntil: null, tokenPage: null };
    }
    if (plan === 'guided') {
      write(this.d.db, () => this.updateKey(old.id, { retire_mode: 'web-ui' }, now.toISOString()));
      return { method: 'web-ui', validUntil: null, tokenPage: this.tokenPageUrl(ws) };
    }
    if (plan === 'kernel-rotate' && g % DAY === 0) {
      // The service retires it: expire_in_days whole days (0 = now).
      const until = det.oldValidUntil ?? at(g);
      write(this.d.db, () => this.updateKey(old.id, { grace_until: until, expires_at: until }, now.toISOString()));
      return { method: g === 0 ? 'immediate' : 'grace', validUntil: until, tokenPage: null };
    }
    if (g > 0) {
      // Sub-day grace (rotated with 1 day), or no /rotate at all: Keydeck deletes it at the chosen time.
      const until = at(g);
      write(this.d.db, () => this.updateKey(old.id, { grace_until: until, retire_mode: 'api' }, now.toISOString()));
      return { method: 'scheduled', validUntil: until, tokenPage: null };
    }
    try {
      // The old secret stays until the .env files are updated; finish drops it.
      await this.revokeRemote(ws, this.key(old.id), false);
      return { method: 'deleted', validUntil: null, tokenPage: null };
    } catch (e) {
      const code = e instanceof AppError ? e.code : 'internal';
      write(this.d.db, () => this.updateKey(old.id, { grace_until: now.toISOString(), retire_mode: 'api' }, now.toISOString()));
      warnings.push(`The old key could not be deleted yet (${code}); Keydeck tries again at next start, or use "Revoke now".`);
      return { method: 'scheduled', validUntil: now.toISOString(), tokenPage: null };
    }
  }

  private retireView(old: Row, ws: WorkspaceRow, plan: Plan): RotationResult['retire'] {
    if (old.revoked_at) return { method: plan === 'kernle-cycle' ? 'immediate' : 'deleted', validUntil: null, tokenPage: null };
    if (old.retire_mode === 'web-ui') return { method: 'web-ui', validUntil: null, tokenPage: this.tokenPageUrl(ws) };
    if (old.retire_mode === 'api') return { method: 'scheduled', validUntil: old.grace_until, tokenPage: null };
    if (old.grace_until) return { method: 'grace', validUntil: old.grace_until, tokenPage: null };
    return { method: 'kept', validUntil: null, tokenPage: null };
  }

  private result(rotationId: string, secret: string, hide: boolean | undefined, retire: RotationResult['retire'], usages: UsageReport[], warnings: string[]): RotationResult {
    const row = this.journal.get(rotationId)!;
    return {
      rotationId, state: row.state, newKey: this.summary(row.new_key_id), oldKey: this.summary(row.key_id), retire, usages,
      ...(hide ? {} : { secret }), ...(warnings.length ? { warning: warnings.join(' ') } : {}),
    };
  }

  // ───────────────────────────── revoke helpers ─────────────────────────────

  /** DELETE through the API; an ambiguous failure is checked by listing, not by deleting again. */
  private async revokeRemote(ws: WorkspaceRow, key: Row, dropSecret = true): Promise<void> {
    if (!key.remote_id) throw new AppError('conflict', `"${key.name}" is not linked to a remote key.`);
    if (ws.management_key_id === key.id) throw new AppError('conflict', `"${key.name}" is the management key ${ws.name} uses; a key cannot revoke itself.`);
    const client = await this.managementClient(ws);
    try {
      await client.revoke(key.remote_id);
    } catch (e) {
      if (!(e instanceof ProviderError)) throw e;
      if (e.code !== 'not_found' && !e.ambiguous) {
        this.append({ kind: 'failed', keyId: key.id, workspaceId: ws.id, summary: `Revoking "${key.name}" failed (${e.code})` });
        throw e;
      }
      if (e.ambiguous) {
        const still = await client.list().then((all) => all.find((k) => k.remoteId === key.remote_id && k.active && !k.deletedAt), () => 'unknown' as const);
        if (still) {
          this.append({ kind: 'failed', keyId: key.id, workspaceId: ws.id, summary: `Revoking "${key.name}" got no answer (${e.code})` });
          throw new AppError(e.code, `The service did not answer the revocation of "${key.name}" (${e.code})${still === 'unknown' ? ' and its key list could not be checked' : ', and the key is still active'}. Try again later.`);
        }
      }
    }
    await this.markRevoked(key, ws, `Revoked "${key.name}" in ${ws.name} (${ws.environment})`, dropSecret);
  }

  private async markRevoked(key: Row, ws: WorkspaceRow, summary: string, dropSecret = true): Promise<void> {
    const now = this.now();
    if (dropSecret) await this.d.secrets.delete(key.id).catch(() => false);
    write(this.d.db, () => {
      this.updateKey(key.id, { revoked_at: now, retire_mode: null, ...(dropSecret ? { has_secret: 0 } : {}) }, now);
      this.append({ kind: 'revoked', keyId: key.id, workspaceId: ws.id, summary });
    });
    this.changed();
  }

  // ───────────────────────────── small helpers ─────────────────────────────

  private async storeSecret(rotationId: string, id: string, secret: string): Promise<void> {
    try {
      await this.d.secrets.set(id, secret);
    } catch {
      const row = this.journal.get(rotationId)!;
      this.needsAttention(row, 'keychain_unavailable', `The service made a new key for "${detailOf(row).name}" but the keychain refused to store it. Unlock the keychain, then retry.`);
      throw new AppError('keychain_unavailable', 'The keychain refused to store the new key. Unlock it and retry from "Needs attention"; Keydeck will clean up the half-made key.');
    }
  }

  private async providerFailed(rotationId: string, e: unknown, what: string): Promise<void> {
    const code: ErrorCode = e instanceof AppError ? e.code : 'internal';
    const row = this.journal.get(rotationId)!;
    if (mayHaveApplied(e) && row.plan === 'create') {
      this.setState(rotationId, 'uncertain', 'provider', code, `${what} got no answer (${code}); Keydeck is checking the key list.`);
      await this.reconcileRow(this.journal.get(rotationId)!).catch(() => null);
      return;
    }
    this.fail(rotationId, code, `${what} failed (${code}). Nothing was changed.`);
  }

  private fail(rotationId: string, code: ErrorCode | null, message: string): void {
    const row = this.journal.get(rotationId)!;
    const det = detailOf(row);
    det.message = message;
    det.steps.push({ step: row.step as RotationStep, state: 'failed', at: this.now(), ...(code ? { code } : {}) });
    write(this.d.db, () => {
      this.journal.update(rotationId, this.now(), { state: 'failed', error_code: code, detail: det });
      this.append({ kind: 'failed', keyId: row.key_id === row.new_key_id ? null : row.key_id, workspaceId: row.workspace_id, summary: message });
    });
    this.progress(rotationId, row.key_id, row.step as RotationStep, 'failed', message, code ?? undefined);
  }

  private needsAttention(row: RotationRow, code: ErrorCode, message: string, orphans?: string[]): { state: RotationState; message: string } {
    const det = detailOf(this.journal.get(row.id)!);
    det.message = message;
    if (orphans) det.orphans = orphans;
    write(this.d.db, () => {
      this.journal.update(row.id, this.now(), { state: 'needs_attention', error_code: code, detail: det });
      this.append({ kind: 'failed', keyId: row.key_id, workspaceId: row.workspace_id, summary: message });
    });
    this.progress(row.id, row.key_id, row.step as RotationStep, 'failed', message, code);
    return { state: 'needs_attention', message };
  }

  private setState(rotationId: string, state: RotationState, step: RotationStep, code: ErrorCode | null, message: string): void {
    const det = detailOf(this.journal.get(rotationId)!);
    det.message = message;
    write(this.d.db, () => this.journal.update(rotationId, this.now(), { state, error_code: code, detail: det }));
    const row = this.journal.get(rotationId)!;
    this.progress(rotationId, row.key_id, step, state === 'uncertain' ? 'uncertain' : 'started', message, code ?? undefined);
  }

  private stepDone(rotationId: string, step: RotationStep, state: 'done' | 'failed', code?: ErrorCode): void {
    const row = this.journal.get(rotationId)!;
    const det = detailOf(row);
    det.steps.push({ step, state, at: this.now(), ...(code ? { code } : {}) });
    write(this.d.db, () => this.journal.update(rotationId, this.now(), state === 'done' ? { step, detail: det } : { detail: det }));
    this.progress(rotationId, row.key_id, step, state, state === 'done' ? `${step} done` : `${step} failed (${code})`, code);
  }

  private progress(rotationId: string, keyId: string, step: RotationStep, state: 'started' | 'done' | 'failed' | 'uncertain' | 'skipped', message: string, code?: ErrorCode): void {
    this.d.events.emit({ name: 'rotation.progress', payload: { rotationId, keyId, step, state, message, ...(code ? { code } : {}) } });
  }

  private insertKey(k: { id: string; ws: WorkspaceRow; remote: RemoteKey; name: string; secret: string; fingerprint: string; source: 'created' | 'imported'; validFrom?: string | null; projectId?: string | null }): void {
    const now = this.now();
    this.keysRepo.insert({
      id: k.id, workspace_id: k.ws.id, provider: k.ws.provider, remote_id: k.remote.remoteId || null, name: k.name, masked: maskSecret(k.secret), fingerprint: k.fingerprint,
      scopes: JSON.stringify(k.remote.scopes), project_id: k.projectId ?? k.remote.projectId, created_at: k.remote.createdAt ?? now, expires_at: k.remote.expiresAt, valid_from: k.validFrom ?? null,
      last_used_at: null, revoked_at: null, grace_until: null, remote_deleted_at: null, has_secret: 1, source: k.source, updated_at: now,
    });
  }

  private updateKey(id: string, fields: KeyFields, now: string): void {
    const set: Record<string, unknown> = { ...fields, updated_at: now };
    const cols = Object.keys(set);
    this.d.db.prepare(`UPDATE keys SET ${cols.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`).run({ ...set, id });
  }

  private append(entry: AuditEntry): void {
    this.audit.append(this.now(), entry);
  }

  private assertRotatable(old: Row): void {
    if (old.revoked_at || old.remote_deleted_at) throw new AppError('conflict', `"${old.name}" is revoked or deleted; there is nothing to rotate.`);
    if (old.superseded_by) throw new AppError('conflict', `"${old.name}" was already replaced by a newer key. Rotate that one instead.`);
    if (this.journal.openForKey(old.id)) throw new AppError('conflict', `"${old.name}" is already being rotated. Wait for it to finish, or resolve it under "Needs attention".`);
  }

  private async managementClient(ws: WorkspaceRow): Promise<ProviderClient> {
    if (!ws.management_key_id) throw new AppError('conflict', `"${ws.name}" is not connected. Connect it with a management key first.`);
    const token = await this.d.secrets.get(ws.management_key_id);
    if (token === null) throw new AppError('not_found', `The keychain no longer holds the management key of "${ws.name}". Connect the workspace again.`);
    return this.clientFor(ws, token);
  }

  /** A client as the workspace talks: its base URL and (kernel.sh) its project scope. */
  private clientFor(ws: WorkspaceRow, token: string): ProviderClient {
    const projectId = ws.provider === 'kernel-sh' ? (this.syncRepo.state(ws.id)?.project_id ?? null) : null;
    return this.d.providers.clientFor(ws.provider as ProviderId, { baseUrl: ws.base_url, token, workspaceKey: ws.id, projectId });
  }

  private knownSameName(workspaceId: string, name: string): string[] {
    return (this.d.db.prepare(`SELECT remote_id FROM keys WHERE workspace_id = ? AND name = ? AND remote_id IS NOT NULL`).all(workspaceId, name) as Array<{ remote_id: string }>).map((r) => r.remote_id);
  }

  /** Allow-listed: the provider's own page, on the workspace's own host when it is self-hosted or an imitation. */
  private tokenPageUrl(ws: WorkspaceRow): string | null {
    const page = PROVIDERS[ws.provider as ProviderId].tokenPage;
    if (!page) return null;
    const base = new URL(ws.base_url);
    if (page.startsWith('/')) return `${base.origin}${page}`;
    const fixed = new URL(page);
    return fixed.host === base.host ? fixed.toString() : `${base.origin}${fixed.pathname}`;
  }

  private key(id: string): Row {
    const row = this.keysRepo.get(id) as Row | undefined;
    if (!row) throw notFound('key', id);
    return row;
  }

  private keyWorkspace(key: Row): WorkspaceRow {
    if (!key.workspace_id) throw new AppError('conflict', `"${key.name}" belongs to no workspace: add it to one that is connected to its service first.`);
    return this.workspace(key.workspace_id);
  }

  private workspace(id: string): WorkspaceRow {
    const ws = this.workspaces.get(id);
    if (!ws) throw notFound('workspace', id);
    return ws;
  }

  private summary(id: string): KeySummary {
    return toSummary(this.key(id), this.d.clock.now());
  }

  private now(): string {
    return this.d.clock.now().toISOString();
  }

  private changed(): void {
    this.d.events.emit({ name: 'vault.changed', payload: { scope: 'keys' } });
  }
}

/** No answer, or an answer Keydeck could not read: the service may have applied the call, so look, never resend. */
function mayHaveApplied(e: unknown): e is ProviderError {
  return e instanceof ProviderError && (e.ambiguous || e.code === 'malformed_response' || e.code === 'response_too_large');
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function lifetimeOf(createdAt: string | null, expiresAt: string | null): number | null {
  if (!expiresAt || !createdAt) return null;
  return Math.min(3650, Math.max(1, Math.round((Date.parse(expiresAt) - Date.parse(createdAt)) / 86_400_000)));
}

const badAction = (action: string) => new AppError('invalid_input', `"${action}" does not apply to this item.`, { fields: { action: 'does not apply to this item' } });
