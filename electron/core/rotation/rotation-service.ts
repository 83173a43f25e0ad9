import { PROVIDERS, type KeySummary, type ProviderId } from '../../../shared/domain';
import type { ChannelOutput, ParsedInput } from '../../../shared/contract';
import type { RotationResult } from '../../../shared/contract/rotation';
import { AppError } from '../errors';
import type { RemoteKey } from '../providers';
import { write } from '../store/database';
import { newKeyId } from '../vault/ids';
import { maskSecret } from '../vault/mask';
import { crashPoint } from './crash-hook';
import { newRotationId, type Plan, type RotationDetail } from './journal';
import { RotationAttention } from './attention';
import { DAY, DEFAULT_GRACE_SECONDS, mayHaveApplied } from './context';

/**
 * Create, rotate and revoke, crash-safe by construction (design.md "Rotation"):
 * journal row first; the provider call; the new secret to the keychain at once; metadata;
 * verify; retire the old key; rewrite `.env` usages; finish. Every step is recorded so the
 * reconciler can finish or undo a rotation that a crash interrupted.
 */
export class RotationService extends RotationAttention {
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

  /**
   * A token the user made in the service's web app: it must answer the service's verify call
   * before Keydeck keeps it, so a mistyped paste never becomes an inventory entry.
   */
  async guidedCreate(input: ParsedInput<'keys.guidedCreate'>): Promise<KeySummary> {
    const ws = this.workspace(input.workspaceId);
    const provider = ws.provider as ProviderId;
    const info = PROVIDERS[provider];
    if (info.capabilities.create) throw new AppError('unsupported', `${info.label} keys are created through its API: use Create key.`);
    const probe = await this.clientFor(ws, input.secret).probe();
    if (probe.state === 'rejected') {
      throw new AppError('auth_failed', `${info.label} rejected the pasted token (401): it is wrong, expired, or not valid yet. Nothing was stored.`, { fields: { secret: 'was rejected by the service' } });
    }
    const key = await this.d.keys.import({ ...input, provider });
    const who = probe.state === 'valid' ? ` as ${probe.identity.label}` : ' (it works, but may not read the account: check its scopes)';
    this.append({ kind: 'verified', keyId: key.id, workspaceId: ws.id, summary: `Verified "${key.name}" with ${info.label}${who}` });
    return key;
  }

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
}
