import { randomBytes } from '../crypto';
import { PROVIDERS, type ProviderId } from '../../../shared/domain';
import type { ParsedInput } from '../../../shared/contract';
import type { SweepReport, SyncReport } from '../../../shared/contract/sync';
import { AppError, notFound } from '../errors';
import type { ProviderRegistry, RemoteKey } from '../providers';
import type { Clock, EventSink, Logger, SecretStore } from '../ports';
import { AuditRepo } from '../store/audit-repo';
import { write, type Db } from '../store/database';
import { KeysRepo } from '../store/keys-repo';
import type { WorkspaceRow } from '../store/rows';
import { WorkspacesRepo } from '../store/workspaces-repo';
import { Fingerprinter } from '../vault/fingerprint';
import type { KeyService } from '../vault/key-service';
import { applyRemoteKeys, type SyncCounts } from './apply-remote';
import { explainConnectError } from './connect-errors';
import { maskedMatches } from './match-masked';
import { providerOptionsOf } from '../store/provider-options';
import { runLimited } from './scheduler';
import { SyncRepo } from './sync-repo';

export interface SyncLimits {
  /** Workspaces refreshed at once in a sweep. */
  concurrency: number;
  /** Workspaces refreshed at once against one host: a service's rate limit is per host. */
  perHost: number;
}

export const DEFAULT_SYNC_LIMITS: SyncLimits = { concurrency: 6, perHost: 2 };

/**
 * "Workspaces that connect": a management key is verified, kept in the keychain as a key of
 * its workspace, and used to mirror the service's key list into the inventory. Network first,
 * then one write transaction: a failure anywhere leaves the inventory as it was.
 */
export class SyncService {
  private readonly repo: SyncRepo;
  private readonly workspaces: WorkspacesRepo;
  private readonly keysRepo: KeysRepo;
  private readonly audit: AuditRepo;
  private readonly fingerprints: Fingerprinter;

  constructor(
    private readonly db: Db,
    private readonly secrets: SecretStore,
    private readonly keys: KeyService,
    private readonly providers: ProviderRegistry,
    private readonly clock: Clock,
    private readonly events: EventSink,
    private readonly logger: Logger,
    private readonly limits: SyncLimits = DEFAULT_SYNC_LIMITS,
  ) {
    this.repo = new SyncRepo(db);
    this.workspaces = new WorkspacesRepo(db);
    this.keysRepo = new KeysRepo(db);
    this.audit = new AuditRepo(db);
    this.fingerprints = new Fingerprinter(secrets);
    for (const s of this.repo.allStates()) this.seedShape(s.workspace_id, s.api_shape);
  }

  async connect(input: ParsedInput<'workspaces.connect'>): Promise<SyncReport> {
    const ws = this.workspace(input.id);
    const provider = ws.provider as ProviderId;
    const info = PROVIDERS[provider];
    const projectId = input.projectId ?? this.repo.state(ws.id)?.project_id ?? null;
    if (projectId && info.scopes.kind !== 'project') {
      throw new AppError('invalid_input', `${info.label} has no projects.`, { fields: { projectId: 'applies only to services with projects' } });
    }
    const { identity, remote } = await this.fetch(ws, input.secret, projectId).catch((e: unknown) => {
      throw explainConnectError(e, ws, info.label, projectId);
    });

    const fingerprint = await this.fingerprints.of(input.secret);
    const existing = this.keysRepo.findByFingerprint(fingerprint);
    if (existing && existing.workspace_id !== ws.id) {
      throw new AppError('duplicate_key', `This key is already stored as "${existing.name}" in another workspace. Connect with a key of this workspace.`, {
        fields: { secret: `is already stored as "${existing.name}"` },
      });
    }
    if (existing && !existing.has_secret) {
      // A key Keydeck made but could not keep (the keychain refused it, and the user saved the one-time
      // secret): connecting with it stores it now.
      await this.secrets.set(existing.id, input.secret);
      write(this.db, () => this.repo.updateKey(existing.id, { has_secret: 1 }));
    }
    const managementKeyId =
      existing?.id ??
      (
        await this.keys.import({
          name: input.keyName ?? `${ws.name} management key`,
          provider,
          workspaceId: ws.id,
          secret: input.secret,
          scopes: [],
          ...(projectId ? { projectId } : {}),
          ...(input.expiresAt ? { expiresAt: input.expiresAt } : {}),
        } as ParsedInput<'keys.import'>)
      ).id;

    const own = remote?.filter((k) => maskedMatches(k.masked, input.secret)) ?? [];
    const now = this.clock.now().toISOString();
    const counts = write(this.db, () => {
      this.workspaces.update(ws.id, { management_key_id: managementKeyId }, now);
      this.repo.saveState(ws.id, { project_id: projectId, identity: identity.label, ...this.shapeOf(ws.id) });
      // Recognise the management key in its own list so it is not shown twice.
      if (own.length === 1) this.link(ws.id, managementKeyId, own[0]!.remoteId);
      const c = remote ? applyRemoteKeys(this.repo, ws.id, provider, remote, now) : null;
      this.repo.saveState(ws.id, { last_synced_at: now, last_error_code: null, last_error_at: null });
      this.audit.append(now, { kind: 'verified', keyId: managementKeyId, workspaceId: ws.id, summary: `Connected ${info.label} workspace "${ws.name}" as ${identity.label}${c ? `; synced ${c.total} keys` : ''}` });
      return c;
    });
    this.changed();
    return this.report(ws.id, managementKeyId, identity.label, counts, now);
  }

  async refresh(id: string): Promise<SyncReport> {
    const ws = this.workspace(id);
    const managementKeyId = ws.management_key_id;
    if (!managementKeyId) {
      throw new AppError('conflict', `"${ws.name}" is not connected. Connect it with a management key first.`);
    }
    const secret = await this.secrets.get(managementKeyId);
    if (secret === null) {
      throw new AppError('not_found', `The keychain no longer holds the management key of "${ws.name}". Connect the workspace again.`);
    }
    const state = this.repo.state(ws.id);
    let fetched: { identity: { label: string }; remote: RemoteKey[] | null };
    try {
      fetched = await this.fetch(ws, secret, state?.project_id ?? null);
    } catch (e) {
      const code = e instanceof AppError ? e.code : 'internal';
      const now = this.clock.now();
      write(this.db, () => this.repo.saveState(ws.id, { last_error_code: code, last_error_at: now.toISOString(), retry_after: retryAfterOf(e, now) }));
      this.logger.warn('workspace refresh failed', { workspaceId: ws.id, code });
      throw e;
    }
    const now = this.clock.now().toISOString();
    const provider = ws.provider as ProviderId;
    const counts = write(this.db, () => {
      const c = fetched.remote ? applyRemoteKeys(this.repo, ws.id, provider, fetched.remote, now) : null;
      this.repo.saveState(ws.id, { identity: fetched.identity.label, last_synced_at: now, last_error_code: null, last_error_at: null, retry_after: null, ...this.shapeOf(ws.id) });
      return c;
    });
    if (counts && (counts.added || counts.updated || counts.markedDeleted)) this.changed();
    return this.report(ws.id, managementKeyId, fetched.identity.label, counts, now);
  }

  /** Refreshes every connected workspace, reporting progress; one failure does not stop the rest. */
  async sweep(only?: readonly string[]): Promise<SweepReport> {
    const sweepId = `sw_${randomBytes(6).toString('hex')}`;
    const started = performance.now();
    const targets = this.workspaces.list().filter((w) => w.management_key_id && (!only || only.includes(w.id)));
    const total = targets.length;
    let done = 0;
    const results = await runLimited(
      targets.map((ws) => ({
        host: hostOf(ws.base_url),
        run: async () => {
          this.events.emit({ name: 'sync.progress', payload: { sweepId, workspaceId: ws.id, state: 'started', done, total } });
          try {
            const r = await this.refresh(ws.id);
            done++;
            this.events.emit({ name: 'sync.progress', payload: { sweepId, workspaceId: ws.id, state: 'synced', done, total } });
            return r;
          } catch (e) {
            done++;
            const code = e instanceof AppError ? e.code : 'internal';
            this.events.emit({ name: 'sync.progress', payload: { sweepId, workspaceId: ws.id, state: 'failed', done, total, code } });
            throw e;
          }
        },
      })),
      this.limits,
    );
    const failed = results.flatMap((r, i) => {
      if (r.status === 'fulfilled') return [];
      const e = r.reason;
      const ws = targets[i] as WorkspaceRow;
      return e instanceof AppError
        ? [{ workspaceId: ws.id, code: e.code, message: e.message }]
        : [{ workspaceId: ws.id, code: 'internal' as const, message: `Refreshing "${ws.name}" failed unexpectedly; the details are in the local log.` }];
    });
    return { sweepId, total, succeeded: total - failed.length, failed, durationMs: Math.round(performance.now() - started) };
  }

  /** Services with a list API: the list is the verification (one call; Kernle counts every call). */
  private async fetch(ws: WorkspaceRow, token: string, projectId: string | null): Promise<{ identity: { label: string }; remote: RemoteKey[] | null }> {
    const provider = ws.provider as ProviderId;
    const client = this.providers.clientFor(provider, { baseUrl: ws.base_url, token, workspaceKey: ws.id, projectId, verify: providerOptionsOf(ws).verify ?? null });
    if (PROVIDERS[provider].capabilities.list) {
      const remote = await client.list();
      const host = hostOf(ws.base_url);
      return { identity: { label: projectId ? `${host} · project ${projectId}` : host }, remote };
    }
    return { identity: await client.verify(), remote: null };
  }

  private link(workspaceId: string, keyId: string, remoteId: string): void {
    const twin = this.repo.linkedKeys(workspaceId).find((r) => r.remote_id === remoteId && r.id !== keyId);
    // A synced row for the same key, without its secret, is replaced by the row that has it.
    if (twin && twin.has_secret === 0) this.repo.deleteKey(twin.id);
    else if (twin) return;
    this.repo.updateKey(keyId, { remote_id: remoteId });
  }

  /** A workspace's learned API shape (providers that have more than one), to persist with its sync state. */
  private shapeOf(workspaceId: string): { api_shape?: string } {
    const shape = this.providers.learnedShape(workspaceId);
    return shape ? { api_shape: shape } : {};
  }

  private seedShape(workspaceId: string, shape: string | null): void {
    const ws = this.workspaces.get(workspaceId);
    if (ws) this.providers.seedShape(workspaceId, ws.provider, shape);
  }

  private workspace(id: string): WorkspaceRow {
    const ws = this.workspaces.get(id);
    if (!ws) throw notFound('workspace', id);
    return ws;
  }

  private report(workspaceId: string, managementKeyId: string, identity: string, counts: SyncCounts | null, syncedAt: string): SyncReport {
    return { workspaceId, managementKeyId, identity, listed: counts !== null, total: 0, added: 0, updated: 0, markedDeleted: 0, ...counts, syncedAt };
  }

  private changed(): void {
    this.events.emit({ name: 'vault.changed', payload: { scope: 'keys' } });
    this.events.emit({ name: 'vault.changed', payload: { scope: 'workspaces' } });
  }
}

function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}

/**
 * A service said when to come back: a rate limit (when it did not say, an hour), or an outage
 * with Retry-After. Other failures set no wait.
 */
function retryAfterOf(e: unknown, now: Date): string | null {
  if (!(e instanceof AppError)) return null;
  if (e.code !== 'rate_limited' && !(e.code === 'provider_unavailable' && e.extra.retryAfterSeconds != null)) return null;
  const seconds = e.extra.retryAfterSeconds ?? 3600;
  return new Date(now.getTime() + seconds * 1000).toISOString();
}
