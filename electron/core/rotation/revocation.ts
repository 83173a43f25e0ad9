import { asService, PROVIDERS, type ProviderId } from '../../../shared/domain';
import type { ChannelOutput, ParsedInput } from '../../../shared/contract';
import { AppError } from '../errors';
import type { SecretStore } from '../ports';
import { write, type Db } from '../store/database';
import type { RotationClients } from './clients';
import type { Journal } from './journal';
import type { RotationProgress } from './progress';
import type { RotationRecords } from './records';
import type { Retirement } from './retirement';

/** Revoking a key: through the API, or handed to the service's web UI and confirmed by a 401. */
export class Revocation {
  constructor(
    private readonly db: Db,
    private readonly secrets: SecretStore,
    private readonly journal: Journal,
    private readonly records: RotationRecords,
    private readonly clients: RotationClients,
    private readonly progress: RotationProgress,
    private readonly retirement: Retirement,
  ) {}

  async revoke(input: ParsedInput<'keys.revoke'>): Promise<ChannelOutput<'keys.revoke'>> {
    const key = this.records.key(input.id);
    const ws = this.records.keyWorkspace(key);
    const info = asService(PROVIDERS[ws.provider as ProviderId], ws);
    if (ws.management_key_id === key.id) {
      throw new AppError('conflict', `"${key.name}" is the management key ${ws.name} itself uses, and a key cannot revoke itself. Connect the workspace with another key first, then revoke this one.`);
    }
    if (ws.environment === 'prod' && input.confirmName !== key.name) {
      throw new AppError('invalid_input', `Revoking "${key.name}" in ${ws.name} (prod) cannot be undone: type the key's name to confirm.`, { fields: { confirmName: `must be "${key.name}"` } });
    }
    if (key.revoked_at) throw new AppError('conflict', `"${key.name}" is already revoked.`);
    if (this.journal.openForKey(key.id)) throw new AppError('conflict', `"${key.name}" is being rotated. Wait for the rotation to finish, or resolve it first.`);
    if (info.capabilities.revoke === 'guided') {
      const now = this.progress.now();
      write(this.db, () => this.records.updateKey(key.id, { retire_mode: 'web-ui' }, now));
      this.progress.changed();
      return { key: this.records.summary(key.id), state: 'pending-web-ui', tokenPage: this.clients.tokenPageUrl(ws) };
    }
    if (!key.remote_id) throw new AppError('conflict', `"${key.name}" is not linked to a key of ${info.label}. Refresh the workspace, then revoke.`);
    await this.retirement.revokeRemote(ws, key);
    return { key: this.records.summary(key.id), state: 'revoked', tokenPage: null };
  }

  /** A guided revocation is done when the old token answers 401: Keydeck checks, it does not take the user's word. */
  async confirmRevoked(id: string): Promise<ChannelOutput<'keys.confirmRevoked'>> {
    const key = this.records.key(id);
    const ws = this.records.keyWorkspace(key);
    const info = asService(PROVIDERS[ws.provider as ProviderId], ws);
    if (key.revoked_at) return { key: this.records.summary(id), state: 'revoked', tokenPage: null };
    const secret = await this.secrets.get(id);
    if (secret === null) throw new AppError('not_found', `Keydeck does not hold the secret of "${key.name}", so it cannot check it. Confirm in ${info.label}'s web app that it is gone.`);
    const probe = await this.clients.forToken(ws, secret).probe();
    if (probe.state === 'unchecked') {
      throw new AppError('unsupported', `Keydeck cannot check "${key.name}": ${ws.name} has no verify call. Set a base URL and verify path on the workspace, or dismiss the reminder once you have revoked it.`);
    }
    if (probe.state !== 'rejected') {
      throw new AppError('conflict', `"${key.name}" still works at ${info.label}. Revoke it in the web app (${this.clients.tokenPageUrl(ws) ?? 'its settings'}), then confirm again.`);
    }
    await this.retirement.markRevoked(key, ws, `Confirmed "${key.name}" is revoked at ${info.label} (it answers 401)`);
    return { key: this.records.summary(id), state: 'revoked', tokenPage: null };
  }

  tokenPage(workspaceId: string): ChannelOutput<'keys.tokenPage'> {
    const ws = this.records.workspace(workspaceId);
    const url = this.clients.tokenPageUrl(ws);
    if (!url) throw new AppError('unsupported', `${PROVIDERS[ws.provider as ProviderId].label} keys are managed through its API: no token page is needed.`);
    return { url };
  }
}
