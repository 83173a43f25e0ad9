import { PROVIDERS, type ProviderId } from '../../../shared/domain';
import { AppError } from '../errors';
import type { ProviderClient, ProviderRegistry } from '../providers';
import type { SecretStore } from '../ports';
import { providerOptionsOf } from '../store/provider-options';
import type { WorkspaceRow } from '../store/rows';
import type { SyncRepo } from '../sync/sync-repo';
import { planner } from './planner';

/** The provider clients a rotation talks through, as the workspace talks: its URL, its token, its project. */
export class RotationClients {
  constructor(
    private readonly providers: ProviderRegistry,
    private readonly secrets: SecretStore,
    private readonly syncRepo: SyncRepo,
  ) {}

  /** Thrown before anything is recorded: a workspace without a management key cannot be asked. */
  assertConnected(ws: WorkspaceRow): string {
    if (!ws.management_key_id) throw new AppError('conflict', `"${ws.name}" is not connected. Connect it with a management key first.`);
    return ws.management_key_id;
  }

  async management(ws: WorkspaceRow): Promise<ProviderClient> {
    const token = await this.secrets.get(this.assertConnected(ws));
    if (token === null) throw new AppError('not_found', `The keychain no longer holds the management key of "${ws.name}". Connect the workspace again.`);
    return this.forToken(ws, token);
  }

  forToken(ws: WorkspaceRow, token: string): ProviderClient {
    const provider = ws.provider as ProviderId;
    const projectId = planner.hasProjects(provider) ? (this.syncRepo.state(ws.id)?.project_id ?? null) : null;
    return this.providers.clientFor(provider, { baseUrl: ws.base_url, token, workspaceKey: ws.id, projectId, verify: providerOptionsOf(ws).verify ?? null });
  }

  /** Allow-listed: the provider's own page, on the workspace's own host when it is self-hosted or an imitation. */
  tokenPageUrl(ws: WorkspaceRow): string | null {
    // A page the user set for this workspace ("Other token") is theirs: https, taken as is.
    const own = providerOptionsOf(ws).tokenPage;
    if (own) return own;
    const page = PROVIDERS[ws.provider as ProviderId].tokenPage;
    if (!page) return null;
    const base = new URL(ws.base_url);
    if (page.startsWith('/')) return `${base.origin}${page}`;
    const fixed = new URL(page);
    return fixed.host === base.host ? fixed.toString() : `${base.origin}${fixed.pathname}`;
  }
}
