import type { z } from 'zod';
import { isSuccess, parseBody, ProviderError, type HttpClient, type HttpMethod, type HttpResponse } from '../../http';
import { probeWith } from '../guided';
import type { Connection, CreatedKey, CreateKeyInput, Identity, ProbeResult, ProviderClient, RemoteKey, RotateResult } from '../types';
import { kernleError } from './errors';
import { toRemoteKey } from './map';
import {
  KernleCreatedA, KernleCreatedB, KernleCycleA, KernleCycleB, KernleListA, KernleListB, KernleMeB, KernleRevokedA, KernleStatusA,
  shapeOf, type KernleShape,
} from './schemas';
import type { KernleShapeCache } from './shape-cache';

const SERVICE = 'Kernle';
const WHOAMI: Record<KernleShape, string> = { A: '/auth/status', B: '/auth/me' };

export class KernleClient implements ProviderClient {
  readonly provider = 'kernle' as const;

  constructor(
    private readonly http: HttpClient,
    private readonly conn: Connection,
    private readonly shapes: KernleShapeCache,
  ) {}

  get shape(): KernleShape | undefined {
    return this.shapes.get(this.conn.workspaceKey);
  }

  /**
   * The cheapest proof that a key works is the call a sync makes anyway: one list. The whoami
   * endpoints differ per shape, so an unknown workspace would otherwise cost two calls.
   */
  async verify(): Promise<Identity> {
    await this.list();
    return { label: new URL(this.conn.baseUrl).host, userId: null };
  }

  probe(): Promise<ProbeResult> {
    return probeWith(() => this.verify());
  }

  /** The account behind the key. Costs quota: used on demand, never in a sweep. */
  async whoami(): Promise<Identity> {
    const order: KernleShape[] = this.shape ? [this.shape] : ['B', 'A'];
    for (const shape of order) {
      const res = await this.call('GET', WHOAMI[shape]);
      if (res.status === 404 && shape !== order.at(-1)) continue;
      if (!isSuccess(res)) throw this.error(res);
      this.shapes.learn(this.conn.workspaceKey, shape);
      if (shape === 'A') {
        const d = parseBody(res, KernleStatusA, 'status').data;
        if (!d.authenticated) throw new ProviderError('auth_failed', `${SERVICE} says this key is not authenticated. Connect the workspace again with a valid key.`);
        return { label: d.email ?? d.user_id ?? 'Kernle user', userId: d.user_id ?? null };
      }
      const me = parseBody(res, KernleMeB, 'me');
      return { label: me.agent_id ? `${me.user_id} (${me.agent_id})` : me.user_id, userId: me.user_id };
    }
    throw new ProviderError('not_found', `${SERVICE} answered neither /auth/me nor /auth/status. Check the workspace's base URL.`);
  }

  /** Newest first in shape B; inactive keys included in both. */
  async list(): Promise<RemoteKey[]> {
    const res = await this.call('GET', '/auth/keys');
    if (!isSuccess(res)) throw this.error(res);
    const keys = this.pick(res, { A: KernleListA, B: KernleListB }, 'list', (a) => a.data.keys, (b) => b.keys);
    return keys.map(toRemoteKey);
  }

  async create(input: CreateKeyInput): Promise<CreatedKey> {
    const res = await this.call('POST', '/auth/keys', { name: input.name });
    if (!isSuccess(res)) throw this.error(res);
    const k = this.pick(res, { A: KernleCreatedA, B: KernleCreatedB }, 'create', (a) => a.data, (b) => b);
    return { key: toRemoteKey({ ...k, is_active: true }), secret: k.key };
  }

  rename(): Promise<RemoteKey> {
    return Promise.reject(new ProviderError('unsupported', `${SERVICE} keys cannot be renamed. Create a key with the new name and revoke the old one.`));
  }

  /** Shape A answers `{revoked: true}`; shape B answers 204 and deletes the key for good. */
  async revoke(remoteId: string): Promise<void> {
    const res = await this.call('DELETE', `/auth/keys/${encodeURIComponent(remoteId)}`);
    if (!isSuccess(res)) throw this.error(res, remoteId);
    if (res.status === 204 || res.body === null) return;
    const shape = shapeOf(res.body);
    if (shape === 'A') {
      const r = parseBody(res, KernleRevokedA, 'revoke');
      if (!r.data.revoked) throw new ProviderError('provider_unavailable', `${SERVICE} answered without revoking the key. Try again, then check the key list.`);
    }
  }

  /** Atomic on the service: the old key stops at once, so there is no grace to report. */
  async rotate(remoteId: string): Promise<RotateResult> {
    const res = await this.call('POST', `/auth/keys/${encodeURIComponent(remoteId)}/cycle`);
    if (!isSuccess(res)) throw this.error(res, remoteId);
    const created = this.pick(
      res,
      { A: KernleCycleA, B: KernleCycleB },
      'cycle',
      (a): CreatedKey => ({
        secret: a.data.new_key,
        // Shape A does not repeat the name: the caller keeps the old key's name when this is empty.
        key: toRemoteKey({ id: a.data.new_key_id, name: '', prefix: a.data.new_key_prefix ?? a.data.new_key.slice(0, 12), is_active: true }),
      }),
      (b): CreatedKey => ({ secret: b.new_key.key, key: toRemoteKey({ ...b.new_key, is_active: true }) }),
    );
    return { created, oldRemoteId: remoteId, method: 'cycle', oldValidUntil: null, oldDeleted: false };
  }

  /** Parses with the known shape, or learns it from this answer. */
  private pick<A extends z.ZodType, B extends z.ZodType, T>(
    res: HttpResponse,
    schemas: { A: A; B: B },
    what: string,
    fromA: (a: z.output<A>) => T,
    fromB: (b: z.output<B>) => T,
  ): T {
    const seen = shapeOf(res.body);
    let shape = this.shape ?? seen ?? 'B';
    // A cached shape is trusted until an answer plainly has the other one (the service was upgraded).
    if (seen && seen !== shape && !schemas[shape].safeParse(res.body).success) shape = seen;
    if (shape === 'A') {
      const v = fromA(parseBody(res, schemas.A, what));
      this.shapes.learn(this.conn.workspaceKey, 'A');
      return v;
    }
    const v = fromB(parseBody(res, schemas.B, what));
    this.shapes.learn(this.conn.workspaceKey, 'B');
    return v;
  }

  private error(res: HttpResponse, keyId?: string) {
    return kernleError(res, this.http.retryAfterSeconds(res), keyId !== undefined ? { thing: `key ${keyId}`, keyId } : {});
  }

  private call(method: HttpMethod, path: string, body?: unknown): Promise<HttpResponse> {
    // Every call costs the user quota: a 429 is reported with its wait, not retried.
    return this.http.send({ method, baseUrl: this.conn.baseUrl, path, token: this.conn.token, service: SERVICE, body, retryOn429: false });
  }
}
