import { kernleSecretA, kernleSecretB, opaqueToken, shortId, uuid } from './ids';
import { ImitationServer, jsonBody, type ImitationOptions } from './server';
import type { Reply, Route, RouteContext } from './types';

export type KernleShape = 'A' | 'B';

export interface KernleKeyRecord {
  id: string;
  userId: string;
  name: string;
  plaintext: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  is_active: boolean;
  revoked_at: string | null;
}

export interface KernleImitationOptions extends ImitationOptions {
  /** A = the published docs (envelope, `sk-`); B = the backend code (bare objects, `knl_sk_`). */
  shape?: KernleShape;
  /** API-key calls allowed before 429 (the daily/monthly quota); unlimited by default. */
  quota?: number;
  retryAfterSeconds?: number;
  /** Shape A's error body is unpublished: `error` as a string (default) or as `{code, message}`. */
  errorStyleA?: 'string' | 'object';
  /**
   * Held-out behaviours of the last public backend code (providers.md §2), each a switch:
   * the list's `key_prefix` already ends in "..."; create and cycle answer 200, not 201; a per-IP
   * limit on create/cycle answers 429 `{"error": …}` with no Retry-After; a non-UUID key id gets
   * a plain-text 500; a database outage answers 503 with Retry-After: 60.
   */
  listPrefixEllipsis?: boolean;
  createStatus?: 200 | 201;
  perIpLimitPerMinute?: number;
  plainText500OnBadId?: boolean;
  databaseDown?: boolean;
}

/** Imitation of Kernle's key API in either of its two shapes (providers.md §2). */
export class KernleImitation extends ImitationServer {
  readonly keys = new Map<string, KernleKeyRecord>();
  readonly users = new Map<string, { id: string; email: string; created_at: string; agent_id: string; tier: string }>();
  readonly sessions = new Map<string, string>();
  shape: KernleShape;
  quota: number;
  retryAfterSeconds: number;
  usage = 0;
  private readonly errorStyleA: 'string' | 'object';
  listPrefixEllipsis: boolean;
  createStatus: 200 | 201;
  perIpLimitPerMinute: number;
  plainText500OnBadId: boolean;
  databaseDown: boolean;
  private readonly writesThisMinute: number[] = [];

  constructor(opts: KernleImitationOptions = {}) {
    const routes: Route[] = [];
    super('kernle', routes, (status, message) => this.error(status, message), opts);
    this.shape = opts.shape ?? 'B';
    this.quota = opts.quota ?? Number.POSITIVE_INFINITY;
    this.retryAfterSeconds = opts.retryAfterSeconds ?? 3600;
    this.errorStyleA = opts.errorStyleA ?? 'string';
    this.listPrefixEllipsis = opts.listPrefixEllipsis ?? false;
    this.createStatus = opts.createStatus ?? 201;
    this.perIpLimitPerMinute = opts.perIpLimitPerMinute ?? Number.POSITIVE_INFINITY;
    this.plainText500OnBadId = opts.plainText500OnBadId ?? false;
    this.databaseDown = opts.databaseDown ?? false;
    routes.push(
      { method: 'GET', path: '/auth/status', handler: (c) => (this.shape === 'A' ? this.authed(c, (u) => this.status(u)) : this.error(404, 'Not Found')) },
      { method: 'GET', path: '/auth/me', handler: (c) => (this.shape === 'B' ? this.authed(c, (u) => this.me(u)) : this.error(404, 'Not Found')) },
      { method: 'POST', path: '/auth/login', handler: (c) => this.login(c) },
      { method: 'GET', path: '/auth/keys', handler: (c) => this.authed(c, (u) => this.list(u)) },
      { method: 'POST', path: '/auth/keys', handler: (c) => this.perIp(c) ?? this.authed(c, (u) => this.create(c, u)) },
      { method: 'DELETE', path: '/auth/keys/:id', handler: (c) => this.badId(c) ?? this.authed(c, (u) => this.revoke(c, u)) },
      { method: 'POST', path: '/auth/keys/:id/cycle', handler: (c) => this.perIp(c) ?? this.badId(c) ?? this.authed(c, (u) => this.cycle(c, u)) },
    );
  }

  addUser(email: string): string {
    const id = this.shape === 'B' ? uuid() : shortId('user');
    this.users.set(id, { id, email, created_at: this.now().toISOString(), agent_id: shortId('agent'), tier: 'free' });
    return id;
  }

  seedKey(userId: string, name: string, opts: { active?: boolean; createdAt?: Date } = {}): { record: KernleKeyRecord; secret: string } {
    const record = this.makeKey(userId, name, opts.createdAt ?? this.now());
    if (opts.active === false) {
      record.is_active = false;
      record.revoked_at = record.created_at;
    }
    this.keys.set(record.id, record);
    return { record, secret: record.plaintext };
  }

  private makeKey(userId: string, name: string, at: Date): KernleKeyRecord {
    const plaintext = this.shape === 'B' ? kernleSecretB() : kernleSecretA();
    return {
      id: this.shape === 'B' ? uuid() : shortId('key'),
      userId,
      name,
      plaintext,
      prefix: plaintext.slice(0, 12),
      created_at: at.toISOString(),
      last_used_at: null,
      is_active: true,
      revoked_at: null,
    };
  }

  private ok(data: unknown, status = 200): Reply {
    return { status, body: this.shape === 'A' ? { success: true, data } : data };
  }

  error(status: number, message: string): Reply {
    if (this.shape === 'A') {
      const error = this.errorStyleA === 'string' ? message : { code: status === 429 ? 'RATE_LIMITED' : `HTTP_${status}`, message };
      return { status, body: { success: false, error } };
    }
    const headers: Record<string, string> = status === 401 ? { 'www-authenticate': 'Bearer' } : {};
    if (status === 429) headers['retry-after'] = String(this.retryAfterSeconds);
    return { status, body: { detail: message }, headers };
  }

  private keyView(k: KernleKeyRecord, listed = false) {
    const base = { id: k.id, name: k.name, created_at: k.created_at, last_used_at: k.last_used_at, is_active: k.is_active };
    return this.shape === 'A' ? { ...base, prefix: k.prefix } : { ...base, key_prefix: listed && this.listPrefixEllipsis ? `${k.prefix}...` : k.prefix };
  }

  /** The per-IP limiter runs before authentication (slowapi), with its own body and no Retry-After. */
  private perIp(c: RouteContext): Reply | null {
    if (this.databaseDown) return this.outage();
    const now = c.now.getTime();
    while (this.writesThisMinute.length && this.writesThisMinute[0]! <= now - 60_000) this.writesThisMinute.shift();
    if (this.writesThisMinute.length >= this.perIpLimitPerMinute) {
      return { status: 429, body: { error: `Rate limit exceeded: ${this.perIpLimitPerMinute} per 1 minute` } };
    }
    this.writesThisMinute.push(now);
    return null;
  }

  /** The backend parses the id as a UUID without catching the error: a plain-text 500. */
  private badId(c: RouteContext): Reply | null {
    if (this.databaseDown) return this.outage();
    if (!this.plainText500OnBadId || /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(c.params.id ?? '')) return null;
    return { status: 500, text: 'Internal Server Error', headers: { 'content-type': 'text/plain; charset=utf-8' } };
  }

  private outage(): Reply {
    return { status: 503, body: { detail: 'Database temporarily unavailable' }, headers: { 'retry-after': '60' } };
  }

  /** Any API-key call counts against the quota, a rejected one too, so a tight retry loop burns it. */
  private authed(c: RouteContext, fn: (user: { id: string; key: KernleKeyRecord | null }) => Reply): Reply {
    if (this.databaseDown) return this.outage();
    const key = [...this.keys.values()].find((k) => k.plaintext === c.token && k.is_active);
    const sessionUser = c.token ? this.sessions.get(c.token) : undefined;
    if (!key && !sessionUser) return this.error(401, 'Invalid or revoked API key');
    if (key) {
      this.usage++;
      if (this.usage > this.quota) {
        const r = this.error(429, 'Quota exceeded');
        return { ...r, headers: { ...r.headers, 'retry-after': String(this.retryAfterSeconds) } };
      }
      key.last_used_at = c.now.toISOString();
    }
    return fn({ id: key?.userId ?? sessionUser ?? '', key: key ?? null });
  }

  private status(u: { id: string }): Reply {
    const user = this.users.get(u.id);
    return this.ok({ authenticated: true, user_id: u.id, email: user?.email ?? null, created_at: user?.created_at ?? null, agents: [user?.agent_id].filter(Boolean) });
  }

  private me(u: { id: string }): Reply {
    const user = this.users.get(u.id);
    return this.ok({ user_id: u.id, agent_id: user?.agent_id ?? null, tier: user?.tier ?? 'free', usage: { requests_today: this.usage }, limits: { requests_per_day: Number.isFinite(this.quota) ? this.quota : null } });
  }

  private login(c: RouteContext): Reply {
    const body = jsonBody(c);
    const apiKey = this.shape === 'A' ? ((body.ok ? (body.value as { api_key?: string } | undefined)?.api_key : undefined) ?? null) : c.token;
    const key = [...this.keys.values()].find((k) => k.plaintext === apiKey && k.is_active);
    if (!key) return this.error(401, 'Invalid API key');
    const token = opaqueToken('sess_');
    this.sessions.set(token, key.userId);
    const expires = new Date(c.now.getTime() + 3_600_000).toISOString();
    return this.ok(this.shape === 'A' ? { user_id: key.userId, token, expires_at: expires } : { user_id: key.userId, token, token_expires: expires });
  }

  private list(u: { id: string }): Reply {
    const keys = [...this.keys.values()].filter((k) => k.userId === u.id).sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id.localeCompare(a.id));
    return this.ok({ keys: keys.map((k) => this.keyView(k, true)) });
  }

  private create(c: RouteContext, u: { id: string }): Reply {
    const body = jsonBody(c);
    const raw = body.ok ? ((body.value ?? {}) as { name?: unknown }).name : undefined;
    const name = raw === undefined ? (this.shape === 'B' ? 'Default' : undefined) : raw;
    if (typeof name !== 'string' || name.length < 1 || name.length > 64) {
      if (this.shape === 'B') return { status: 422, body: { detail: [{ loc: ['body', 'name'], msg: 'String should have between 1 and 64 characters', type: 'string_too_long' }] } };
      return this.error(400, 'name must be between 1 and 64 characters');
    }
    const k = this.makeKey(u.id, name, c.now);
    this.keys.set(k.id, k);
    return this.ok({ ...this.keyView(k), key: k.plaintext }, this.shape === 'B' ? this.createStatus : 200);
  }

  private owned(c: RouteContext, u: { id: string }): KernleKeyRecord | null {
    const k = this.keys.get(c.params.id ?? '');
    return k && k.userId === u.id ? k : null;
  }

  /** A revokes (the key stays, inactive); B deletes for good and answers 204. */
  private revoke(c: RouteContext, u: { id: string }): Reply {
    const k = this.owned(c, u);
    if (!k || (this.shape === 'A' && !k.is_active)) return this.error(404, 'API key not found');
    if (this.shape === 'B') {
      this.keys.delete(k.id);
      return { status: 204 };
    }
    k.is_active = false;
    k.revoked_at = c.now.toISOString();
    return this.ok({ id: k.id, revoked: true, revoked_at: k.revoked_at });
  }

  /** Atomic: the new key exists and the old one stops in the same step; no grace. */
  private cycle(c: RouteContext, u: { id: string }): Reply {
    const old = this.owned(c, u);
    if (!old) return this.error(404, 'API key not found');
    if (!old.is_active) return this.error(400, 'API key is not active');
    const fresh = this.makeKey(u.id, old.name, c.now);
    this.keys.set(fresh.id, fresh);
    old.is_active = false;
    old.revoked_at = c.now.toISOString();
    if (this.shape === 'A') return this.ok({ old_key_id: old.id, old_key_revoked: true, new_key_id: fresh.id, new_key: fresh.plaintext, new_key_prefix: fresh.prefix });
    return this.ok({ old_key_id: old.id, new_key: { id: fresh.id, name: fresh.name, key: fresh.plaintext, key_prefix: fresh.prefix, created_at: fresh.created_at } });
  }
}
