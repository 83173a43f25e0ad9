import { isSuccess, parseBody, ProviderError, ResponseBudget, type HttpClient, type HttpMethod, type HttpResponse, type QueryValue } from '../../http';
import { systemClock, type Clock } from '../../ports';
import { probeWith } from '../guided';
import { WorkspaceMemory } from '../spec';
import type { Connection, CreatedKey, CreateKeyInput, Identity, ProbeResult, ProviderClient, RemoteKey, RotateOptions, RotateResult } from '../types';
import { kernelError } from './errors';
import { lifetimeDays, toCreated, toRemoteKey } from './map';
import { KernelCreatedSchema, KernelKeySchema, KernelListSchema } from './schemas';

export interface KernelOptions {
  /** Page size for the list; the service's own maximum is not published, 100 is conservative. */
  pageSize?: number;
  /** A loop guard: more pages than this means the service's X-Next-Offset is not advancing. */
  maxPages?: number;
  /** The sum of all list pages, in bytes (see LIST_BUDGET). */
  maxListBytes?: number;
  /** More keys than this in one list is not a key list Keydeck can show (see MAX_LISTED_KEYS). */
  maxListedKeys?: number;
  clock?: Clock;
  /** Where a workspace's refusal of `limit` is remembered for the session. */
  memory?: WorkspaceMemory;
}

/**
 * A hostile or broken service can answer "more pages" forever with 2 MiB pages (each page is
 * capped by the HTTP layer). 50 MiB is ~100,000 keys at kernel.sh's ~500 bytes per key, ten
 * times the largest list the UI is built and benchmarked for (10,000 keys), and small enough
 * that a runaway list never costs more than a few hundred MiB of memory.
 */
export const LIST_BUDGET_BYTES = 50 * 1024 * 1024;
/** Ten times the 10,000 keys the table is benchmarked with: no real organisation has more. */
export const MAX_LISTED_KEYS = 100_000;
/** Set when the service answered 400 to our `limit`: later lists ask for its own default page size. */
const DEFAULT_PAGES_ONLY = 'list_limit_refused';

const SERVICE = 'Kernel';

export class KernelClient implements ProviderClient {
  readonly provider = 'kernel-sh' as const;
  private readonly pageSize: number;
  private readonly maxPages: number;
  private readonly maxListBytes: number;
  private readonly maxListedKeys: number;
  private readonly clock: Clock;
  private readonly memory: WorkspaceMemory;

  constructor(
    private readonly http: HttpClient,
    private readonly conn: Connection,
    opts: KernelOptions = {},
  ) {
    this.pageSize = opts.pageSize ?? 100;
    this.maxPages = opts.maxPages ?? 1000;
    this.maxListBytes = opts.maxListBytes ?? LIST_BUDGET_BYTES;
    this.maxListedKeys = opts.maxListedKeys ?? MAX_LISTED_KEYS;
    this.clock = opts.clock ?? systemClock;
    this.memory = opts.memory ?? new WorkspaceMemory();
  }

  /** No "who am I" endpoint exists: the cheapest authenticated call is a one-item list. */
  async verify(): Promise<Identity> {
    const res = await this.call('GET', '/org/api_keys', { query: { limit: 1 } });
    if (!isSuccess(res)) throw kernelError(res);
    parseBody(res, KernelListSchema, 'verify');
    const host = new URL(this.conn.baseUrl).host;
    return { label: this.conn.projectId ? `${host} · project ${this.conn.projectId}` : host, userId: null, projectId: this.conn.projectId ?? null };
  }

  probe(): Promise<ProbeResult> {
    return probeWith(() => this.verify());
  }

  /** Every page, deleted keys included, so a sync can tell "deleted remotely" from "never seen". */
  async list(opts: { status?: 'active' | 'deleted' | 'all' } = {}): Promise<RemoteKey[]> {
    const out: RemoteKey[] = [];
    const budget = new ResponseBudget(this.maxListBytes, `${SERVICE}'s key list`);
    let offset = 0;
    for (let page = 0; page < this.maxPages; page++) {
      const res = await this.page(offset, opts.status ?? 'all', budget);
      if (!isSuccess(res)) throw kernelError(res);
      out.push(...parseBody(res, KernelListSchema, 'list').map(toRemoteKey));
      if (out.length > this.maxListedKeys) {
        throw new ProviderError('response_too_large', `${SERVICE} listed more than ${this.maxListedKeys.toLocaleString('en')} keys, far beyond any real organisation. Keydeck stopped listing and kept what it had stored; check the workspace's base URL points at the API.`);
      }
      const hasMore = res.headers['x-has-more']?.trim().toLowerCase() === 'true';
      const next = Number(res.headers['x-next-offset'] ?? '0');
      if (!hasMore || !Number.isFinite(next) || next === 0) return out;
      if (next <= offset) {
        throw new ProviderError('malformed_response', `${SERVICE} sent a next page offset that does not advance (${next}). Keydeck stopped listing to avoid a loop; try again later.`);
      }
      offset = next;
    }
    throw new ProviderError('malformed_response', `${SERVICE} kept reporting more pages after ${this.maxPages}. Keydeck stopped listing; try again later.`);
  }

  /**
   * One page. The maximum `limit` is not published: the size that comes back is whatever the
   * service chose (paging follows its headers), and a 400 to our `limit` is answered by asking
   * for its default from then on, for this workspace, this session.
   */
  private async page(offset: number, status: string, budget: ResponseBudget): Promise<HttpResponse> {
    const query = { offset, status, sort_by: 'created_at', sort_direction: 'asc' };
    const refused = this.memory.get(this.conn.workspaceKey, DEFAULT_PAGES_ONLY) === 'yes';
    if (refused) return this.call('GET', '/org/api_keys', { query, budget });
    const res = await this.call('GET', '/org/api_keys', { query: { ...query, limit: this.pageSize }, budget });
    if (res.status !== 400) return res;
    const retry = await this.call('GET', '/org/api_keys', { query, budget });
    if (isSuccess(retry)) this.memory.learn(this.conn.workspaceKey, DEFAULT_PAGES_ONLY, 'yes');
    return retry;
  }

  async get(remoteId: string, includeDeleted = false): Promise<RemoteKey> {
    const res = await this.call('GET', `/org/api_keys/${enc(remoteId)}`, { query: { include_deleted: includeDeleted || undefined } });
    if (!isSuccess(res)) throw kernelError(res, { thing: `key ${remoteId}` });
    return toRemoteKey(parseBody(res, KernelKeySchema, 'retrieve'));
  }

  async create(input: CreateKeyInput): Promise<CreatedKey> {
    const projectId = input.projectId ?? this.conn.projectId ?? undefined;
    const body: Record<string, unknown> = { name: input.name };
    if (input.expiresInDays !== undefined) body.days_to_expire = input.expiresInDays;
    if (projectId !== undefined) body.project_id = projectId;
    const res = await this.call('POST', '/org/api_keys', { body });
    if (!isSuccess(res)) throw kernelError(res, { thing: projectId ? `project ${projectId}` : 'such project' });
    return toCreated(parseBody(res, KernelCreatedSchema, 'create'));
  }

  async rename(remoteId: string, name: string): Promise<RemoteKey> {
    const res = await this.call('PATCH', `/org/api_keys/${enc(remoteId)}`, { body: { name } });
    if (!isSuccess(res)) throw kernelError(res, { thing: `key ${remoteId}` });
    return toRemoteKey(parseBody(res, KernelKeySchema, 'rename'));
  }

  /** Soft delete on the service; any 2xx counts, the body is not read (200 or 204 both occur). */
  async revoke(remoteId: string): Promise<void> {
    const res = await this.call('DELETE', `/org/api_keys/${enc(remoteId)}`);
    if (!isSuccess(res)) throw kernelError(res, { thing: `key ${remoteId}` });
  }

  async rotate(remoteId: string, opts: RotateOptions = {}): Promise<RotateResult> {
    const body: Record<string, unknown> = {};
    if (opts.expiresInDays !== undefined) body.days_to_expire = opts.expiresInDays;
    if (opts.graceDays !== undefined) body.expire_in_days = opts.graceDays;
    const res = await this.call('POST', `/org/api_keys/${enc(remoteId)}/rotate`, { body });
    if (isSuccess(res)) {
      const created = toCreated(parseBody(res, KernelCreatedSchema, 'rotate'));
      const graceMs = (opts.graceDays ?? 7) * 86_400_000;
      return { created, oldRemoteId: remoteId, method: 'rotate', oldValidUntil: new Date(this.clock.now().getTime() + graceMs).toISOString(), oldDeleted: false };
    }
    if (res.status === 405 || (res.status === 404 && (await this.exists(remoteId)))) return this.createThenDelete(remoteId, opts);
    throw kernelError(res, { thing: `key ${remoteId}` });
  }

  /** The seed's own rotation guide, for deployments older than the rotate endpoint. */
  private async createThenDelete(remoteId: string, opts: RotateOptions): Promise<RotateResult> {
    const old = await this.getRaw(remoteId);
    const created = await this.create({
      name: old.name,
      projectId: old.project_id ?? null,
      expiresInDays: opts.expiresInDays !== undefined ? opts.expiresInDays : lifetimeDays(old),
    });
    if (opts.onFallback === 'keep-old') {
      return { created, oldRemoteId: remoteId, method: 'create-then-delete', oldValidUntil: old.expires_at ?? null, oldDeleted: false };
    }
    try {
      await this.revoke(remoteId);
      return { created, oldRemoteId: remoteId, method: 'create-then-delete', oldValidUntil: null, oldDeleted: true };
    } catch (e) {
      // The new key exists and its secret is only here: hand it back, and say the old one remains.
      const why = e instanceof ProviderError ? e.code : 'internal';
      return {
        created,
        oldRemoteId: remoteId,
        method: 'create-then-delete',
        oldValidUntil: old.expires_at ?? null,
        oldDeleted: false,
        warning: `The new key was created but the old one could not be deleted (${why}). Delete it once your deployments use the new key.`,
      };
    }
  }

  private async exists(remoteId: string): Promise<boolean> {
    const res = await this.call('GET', `/org/api_keys/${enc(remoteId)}`);
    return isSuccess(res);
  }

  private async getRaw(remoteId: string) {
    const res = await this.call('GET', `/org/api_keys/${enc(remoteId)}`);
    if (!isSuccess(res)) throw kernelError(res, { thing: `key ${remoteId}` });
    return parseBody(res, KernelKeySchema, 'retrieve');
  }

  private call(method: HttpMethod, path: string, extra: { query?: Record<string, QueryValue>; body?: unknown; budget?: ResponseBudget } = {}): Promise<HttpResponse> {
    return this.http.send({
      method,
      baseUrl: this.conn.baseUrl,
      path,
      token: this.conn.token,
      service: SERVICE,
      query: extra.query,
      body: extra.body,
      budget: extra.budget,
      headers: this.conn.projectId ? { 'x-kernel-project-id': this.conn.projectId } : undefined,
    });
  }
}

const enc = encodeURIComponent;
