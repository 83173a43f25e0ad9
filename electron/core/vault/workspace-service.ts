import { describePolicy, PROVIDERS, type ProviderId, type Workspace } from '../../../shared/domain';
import type { ParsedInput } from '../../../shared/contract';
import { AppError, notFound } from '../errors';
import type { Clock, EventSink } from '../ports';
import { write, type Db } from '../store/database';
import { AuditRepo } from '../store/audit-repo';
import { KeysRepo } from '../store/keys-repo';
import { providerOptionsOf, serializeProviderOptions } from '../store/provider-options';
import type { WorkspaceRow } from '../store/rows';
import { WorkspacesRepo } from '../store/workspaces-repo';
import { newWorkspaceId } from './ids';
import { assertPolicyFits, policyColumns, policyOf } from '../policy/workspace-policy';
import type { KeyService } from './key-service';

export class WorkspaceService {
  private readonly repo: WorkspacesRepo;
  private readonly keys: KeysRepo;
  private readonly audit: AuditRepo;

  constructor(
    private readonly db: Db,
    private readonly keyService: KeyService,
    private readonly clock: Clock,
    private readonly events: EventSink,
  ) {
    this.repo = new WorkspacesRepo(db);
    this.keys = new KeysRepo(db);
    this.audit = new AuditRepo(db);
  }

  list(): Workspace[] {
    return this.repo.list().map(toWorkspace);
  }

  get(id: string): Workspace {
    const row = this.repo.get(id);
    if (!row) throw notFound('workspace', id);
    return toWorkspace(row);
  }

  add(input: ParsedInput<'workspaces.add'>): Workspace {
    const provider = PROVIDERS[input.provider];
    // A service whose base URL is optional ("Other token") stores '' and keeps its tokens unchecked.
    const baseUrl = input.baseUrl ?? provider.defaultBaseUrl ?? (provider.baseUrlRule === 'optional' ? '' : null);
    if (baseUrl === null) {
      throw new AppError('invalid_input', `${provider.label} is self-hosted: enter the base URL of your instance.`, {
        fields: { baseUrl: 'is required for a self-hosted service' },
      });
    }
    assertOptionsAllowed(input.provider, input);
    const now = this.clock.now().toISOString();
    const id = newWorkspaceId();
    write(this.db, () => {
      if (this.repo.findByName(input.provider, input.name)) {
        throw new AppError('conflict', `A ${provider.label} workspace named "${input.name}" already exists. Pick another name.`, {
          fields: { name: 'is already used by another workspace of this service' },
        });
      }
      this.repo.insert({ id, name: input.name, provider: input.provider, base_url: baseUrl, environment: input.environment, color: input.color, management_key_id: null, provider_options: serializeProviderOptions({ verify: input.verify, tokenPage: input.tokenPage, envVar: input.envVar }), created_at: now, updated_at: now });
      this.audit.append(now, { kind: 'workspace_added', workspaceId: id, summary: `Added ${provider.label} workspace "${input.name}" (${input.environment})` });
    });
    this.changed();
    return this.get(id);
  }

  update(input: ParsedInput<'workspaces.update'>): Workspace {
    const now = this.clock.now().toISOString();
    write(this.db, () => {
      const row = this.repo.get(input.id);
      if (!row) throw notFound('workspace', input.id);
      if (input.name && input.name.toLowerCase() !== row.name.toLowerCase() && this.repo.findByName(row.provider, input.name)) {
        throw new AppError('conflict', `Another workspace is already named "${input.name}".`, { fields: { name: 'is already used' } });
      }
      const fields: Parameters<WorkspacesRepo['update']>[1] = {};
      if (input.name !== undefined) fields.name = input.name;
      if (input.baseUrl !== undefined) fields.base_url = input.baseUrl;
      if (input.environment !== undefined) fields.environment = input.environment;
      if (input.color !== undefined) fields.color = input.color;
      if (input.verify !== undefined || input.tokenPage !== undefined || input.envVar !== undefined) {
        assertOptionsAllowed(row.provider as ProviderId, input);
        const was = providerOptionsOf(row);
        const pick = <T>(next: T | null | undefined, prev: T | undefined) => (next === undefined ? prev : (next ?? undefined));
        fields.provider_options = serializeProviderOptions({ verify: pick(input.verify, was.verify), tokenPage: pick(input.tokenPage, was.tokenPage), envVar: pick(input.envVar, was.envVar) });
      }
      if (input.policy !== undefined) {
        assertPolicyFits(row.provider as ProviderId, input.policy);
        Object.assign(fields, policyColumns(input.policy));
      }
      this.repo.update(input.id, fields, now);
      if (input.name !== undefined && input.name !== row.name) {
        this.audit.append(now, { kind: 'workspace_renamed', workspaceId: row.id, summary: `Renamed workspace "${row.name}" to "${input.name}"` });
      }
      // Each other change audited on its own line: "who pointed prod at another host" must be answerable.
      const name = input.name ?? row.name;
      const changes: string[] = [];
      if (input.baseUrl !== undefined && input.baseUrl !== row.base_url) changes.push(`base URL from ${row.base_url} to ${input.baseUrl}`);
      if (input.environment !== undefined && input.environment !== row.environment) changes.push(`environment from ${row.environment} to ${input.environment}`);
      if (input.color !== undefined && input.color !== row.color) changes.push(`colour from ${row.color} to ${input.color}`);
      if (input.policy !== undefined) {
        const kind = policyOf(row).kind;
        const [was, next] = [describePolicy(policyOf(row).policy, kind), describePolicy(input.policy, kind)];
        if (was !== next) changes.push(`lifetime policy from ${was} to ${next}`);
      }
      for (const change of changes) this.audit.append(now, { kind: 'workspace_updated', workspaceId: row.id, summary: `Changed the ${change} of workspace "${name}"` });
    });
    this.changed();
    return this.get(input.id);
  }

  /**
   * Keys go first, one at a time (keychain item, then row), so an interruption leaves each
   * key either fully present or fully gone, never a row whose secret has vanished. The
   * management key is one of the workspace's keys, so its keychain item goes too; with the
   * workspace gone nothing remembers it, and adding it again starts clean.
   */
  async remove(input: ParsedInput<'workspaces.remove'>): Promise<{ id: string; deletedKeys: number }> {
    const row = this.repo.get(input.id);
    if (!row) throw notFound('workspace', input.id);
    const keys = this.keys.listByWorkspace(row.id);
    if (keys.length > 0 && !input.deleteKeys) {
      throw new AppError('workspace_not_empty', `"${row.name}" still holds ${keys.length} key${keys.length === 1 ? '' : 's'}. Delete or move them first, or confirm removing the workspace with its keys.`);
    }
    for (const key of keys) await this.keyService.delete(key.id);
    const now = this.clock.now().toISOString();
    write(this.db, () => {
      this.repo.update(row.id, { management_key_id: null }, now);
      this.repo.delete(row.id);
      this.audit.append(now, { kind: 'workspace_removed', workspaceId: row.id, summary: `Removed workspace "${row.name}" and ${keys.length} key${keys.length === 1 ? '' : 's'}` });
    });
    this.changed();
    return { id: row.id, deletedKeys: keys.length };
  }

  private changed(): void {
    this.events.emit({ name: 'vault.changed', payload: { scope: 'workspaces' } });
  }
}

function toWorkspace(row: WorkspaceRow): Workspace {
  return {
    id: row.id,
    name: row.name,
    provider: row.provider as Workspace['provider'],
    baseUrl: row.base_url,
    environment: row.environment as Workspace['environment'],
    color: row.color as Workspace['color'],
    managementKeyId: row.management_key_id,
    ...optionsOf(row),
    policy: policyOf(row).policy,
    keyCount: row.key_count ?? 0,
    lastSyncedAt: row.last_synced_at ?? null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Only what a workspace sets for itself appears: the others stay as they were. */
function optionsOf(row: WorkspaceRow): Pick<Workspace, 'verify' | 'tokenPage' | 'envVar'> {
  const o = providerOptionsOf(row);
  return { ...(o.verify ? { verify: o.verify } : {}), ...(o.tokenPage ? { tokenPage: o.tokenPage } : {}), ...(o.envVar ? { envVar: o.envVar } : {}) };
}

/** Each option only where the provider's catalog entry lets a workspace set it. */
function assertOptionsAllowed(provider: ProviderId, input: { verify?: unknown; tokenPage?: unknown; envVar?: unknown }): void {
  const info = PROVIDERS[provider];
  const refuse = (field: string, what: string) => {
    throw new AppError('invalid_input', `${info.label} has a fixed ${what}; it cannot be set per workspace.`, { fields: { [field]: 'is not configurable for this service' } });
  };
  if (input.verify && !info.workspaceOptions.verifyRequest) refuse('verify', 'way to check a token');
  if (input.tokenPage && !info.workspaceOptions.tokenPage) refuse('tokenPage', 'token page');
  if (input.envVar && !info.workspaceOptions.envVar) refuse('envVar', 'environment variable');
}
