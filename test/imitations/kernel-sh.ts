import { addDays, kernelKeyId, kernelSecret } from './ids';
import { ImitationServer, jsonBody, type ImitationOptions } from './server';
import type { Reply, Route, RouteContext } from './types';

/** A kernel.sh API key as the service stores it (the plaintext is kept only to authenticate). */
export interface KernelKeyRecord {
  id: string;
  name: string;
  plaintext: string;
  masked_key: string;
  project_id: string | null;
  created_at: string;
  expires_at: string | null;
  deleted_at: string | null;
  created_by: { id: string; email: string; name: string };
}

export interface KernelImitationOptions extends ImitationOptions {
  /** providers.md: "[?] 200 vs 201 on create, 200 vs 204 on delete". */
  createStatus?: 200 | 201;
  deleteStatus?: 200 | 204;
  /** providers.md: "a key cannot delete itself ([?] status; 400/403/409 all plausible)". */
  selfDeleteStatus?: 400 | 403 | 409;
  /** Older deployments have no rotate endpoint and answer 404 or 405. */
  rotate?: 'supported' | 404 | 405;
  defaultLimit?: number;
  maxLimit?: number;
  /** A service that serves at most this many per page whatever `limit` asked (held-out: the maximum is not published). */
  clampLimit?: number;
}

const USER = { id: 'user_demo', email: 'ops@example.com', name: 'Ops Demo' };

const error = (status: number, code: string, message: string, details?: Array<{ code?: string; message?: string }>): Reply => ({
  status,
  body: details ? { code, message, details } : { code, message },
});

/** Imitation of kernel.sh's `/org/api_keys` API, faithful to providers.md §1. */
export class KernelImitation extends ImitationServer {
  readonly keys = new Map<string, KernelKeyRecord>();
  readonly projects = new Map<string, { id: string; name: string }>();
  readonly config: Required<Omit<KernelImitationOptions, keyof ImitationOptions>>;

  constructor(opts: KernelImitationOptions = {}) {
    const routes: Route[] = [];
    super('kernel-sh', routes, (status, message) => error(status, status === 429 ? 'rate_limited' : status >= 500 ? 'internal_error' : 'not_found', message), opts);
    this.config = {
      createStatus: opts.createStatus ?? 201,
      deleteStatus: opts.deleteStatus ?? 204,
      selfDeleteStatus: opts.selfDeleteStatus ?? 409,
      rotate: opts.rotate ?? 'supported',
      defaultLimit: opts.defaultLimit ?? 20,
      maxLimit: opts.maxLimit ?? 100,
      clampLimit: opts.clampLimit ?? Number.POSITIVE_INFINITY,
    };
    routes.push(
      { method: 'GET', path: '/org/api_keys', handler: (c) => this.authed(c, (me) => this.list(c, me)) },
      { method: 'POST', path: '/org/api_keys', handler: (c) => this.authed(c, (me) => this.create(c, me)) },
      { method: 'GET', path: '/org/api_keys/:id', handler: (c) => this.authed(c, (me) => this.retrieve(c, me)) },
      { method: 'PATCH', path: '/org/api_keys/:id', handler: (c) => this.authed(c, (me) => this.rename(c, me)) },
      { method: 'DELETE', path: '/org/api_keys/:id', handler: (c) => this.authed(c, (me) => this.remove(c, me)) },
      { method: 'POST', path: '/org/api_keys/:id/rotate', handler: (c) => this.authed(c, (me) => this.rotate(c, me)) },
    );
  }

  addProject(id: string, name: string): void {
    this.projects.set(id, { id, name });
  }

  /** Seeds a key and returns its plaintext (what the dashboard would have shown once). */
  seedKey(opts: { name: string; projectId?: string | null; createdAt?: Date; expiresInDays?: number | null; deleted?: boolean; secret?: string }): { record: KernelKeyRecord; secret: string } {
    const created = opts.createdAt ?? this.now();
    const record = this.makeKey(opts.name, opts.projectId ?? null, created, opts.expiresInDays ?? null, opts.secret);
    if (opts.deleted) record.deleted_at = created.toISOString();
    this.keys.set(record.id, record);
    return { record, secret: record.plaintext };
  }

  private makeKey(name: string, projectId: string | null, created: Date, days: number | null, secret = kernelSecret()): KernelKeyRecord {
    return {
      id: kernelKeyId(),
      name,
      plaintext: secret,
      masked_key: `${secret.slice(0, 6)}...${secret.slice(-4)}`,
      project_id: projectId,
      created_at: created.toISOString(),
      expires_at: days == null ? null : addDays(created, days).toISOString(),
      deleted_at: null,
      created_by: USER,
    };
  }

  private view(k: KernelKeyRecord) {
    const { plaintext: _secret, ...rest } = k;
    void _secret;
    return { ...rest, project_name: k.project_id ? (this.projects.get(k.project_id)?.name ?? null) : null };
  }

  /** 401 for a bad, expired or deleted credential; then the request's project scope is resolved. */
  private authed(c: RouteContext, fn: (me: { key: KernelKeyRecord; project: string | null }) => Reply): Reply {
    const key = [...this.keys.values()].find((k) => k.plaintext === c.token);
    const now = c.now.getTime();
    if (!key || key.deleted_at || (key.expires_at && Date.parse(key.expires_at) <= now)) {
      return error(401, 'unauthorized', 'Invalid, expired or deleted API key');
    }
    const header = c.headers['x-kernel-project-id'];
    const requested = typeof header === 'string' && header !== '' ? header : null;
    if (requested && (!this.projects.has(requested) || (key.project_id && key.project_id !== requested))) {
      return error(404, 'not_found', 'Project not found');
    }
    return fn({ key, project: key.project_id ?? requested });
  }

  private visible(k: KernelKeyRecord, project: string | null): boolean {
    return project === null || k.project_id === project;
  }

  private list(c: RouteContext, me: { project: string | null }): Reply {
    const q = c.query;
    const limit = q.has('limit') ? Number(q.get('limit')) : this.config.defaultLimit;
    const offset = q.has('offset') ? Number(q.get('offset')) : 0;
    const status = q.get('status') ?? 'active';
    const sortBy = q.get('sort_by') ?? 'created_at';
    const dir = q.get('sort_direction') ?? 'desc';
    if (!Number.isInteger(limit) || limit < 1 || limit > this.config.maxLimit) return error(400, 'invalid_request', `limit must be between 1 and ${this.config.maxLimit}`);
    if (!Number.isInteger(offset) || offset < 0) return error(400, 'invalid_request', 'offset must be a non-negative integer');
    if (!['active', 'deleted', 'all'].includes(status)) return error(400, 'invalid_request', 'status must be one of active, deleted, all');
    if (!['created_at', 'name', 'expires_at'].includes(sortBy)) return error(400, 'invalid_request', 'sort_by must be one of created_at, name, expires_at');
    if (!['asc', 'desc'].includes(dir)) return error(400, 'invalid_request', 'sort_direction must be asc or desc');
    const name = q.get('name');
    const sub = q.get('query')?.toLowerCase();
    const all = [...this.keys.values()]
      .filter((k) => this.visible(k, me.project))
      // "active" is the default and includes expired keys: only deletion hides a key.
      .filter((k) => (status === 'all' ? true : status === 'deleted' ? !!k.deleted_at : !k.deleted_at))
      .filter((k) => (name === null ? true : k.name === name))
      .filter((k) => (sub ? k.name.toLowerCase().includes(sub) : true))
      .sort((a, b) => {
        const field = sortBy as 'created_at' | 'name' | 'expires_at';
        const cmp = String(a[field] ?? '\uffff').localeCompare(String(b[field] ?? '\uffff')) || a.id.localeCompare(b.id);
        return dir === 'asc' ? cmp : -cmp;
      });
    const page = all.slice(offset, offset + Math.min(limit, this.config.clampLimit));
    const more = offset + page.length < all.length;
    return {
      status: 200,
      body: page.map((k) => this.view(k)),
      headers: { 'x-has-more': String(more), 'x-next-offset': String(more ? offset + page.length : 0) },
    };
  }

  private find(c: RouteContext, me: { project: string | null }, includeDeleted = false): KernelKeyRecord | Reply {
    const k = this.keys.get(c.params.id ?? '');
    if (!k || !this.visible(k, me.project) || (k.deleted_at && !includeDeleted)) return error(404, 'not_found', 'API key not found');
    return k;
  }

  private retrieve(c: RouteContext, me: { project: string | null }): Reply {
    const k = this.find(c, me, c.query.get('include_deleted') === 'true');
    return 'status' in k ? k : { status: 200, body: this.view(k) };
  }

  private create(c: RouteContext, me: { project: string | null }): Reply {
    const body = jsonBody(c);
    if (!body.ok || (body.value !== undefined && (typeof body.value !== 'object' || body.value === null))) return error(400, 'invalid_request', 'Request body must be a JSON object');
    const b = (body.value ?? {}) as Record<string, unknown>;
    const nameProblem = validName(b.name);
    if (nameProblem) return nameProblem;
    const days = b.days_to_expire;
    if (days !== undefined && days !== null && !(Number.isInteger(days) && (days as number) >= 1 && (days as number) <= 3650)) {
      return error(400, 'invalid_request', 'days_to_expire must be between 1 and 3650', [{ code: 'out_of_range', message: 'days_to_expire must be between 1 and 3650' }]);
    }
    let project: string | null = me.project;
    if (b.project_id !== undefined && b.project_id !== null) {
      if (typeof b.project_id !== 'string' || b.project_id === '') return error(400, 'invalid_request', 'project_id must not be empty');
      if (!this.projects.has(b.project_id)) return error(404, 'not_found', 'Project not found');
      // A project-scoped caller may only create keys in its own project.
      if (me.project && b.project_id !== me.project) return error(404, 'not_found', 'Project not found');
      project = b.project_id;
    }
    const k = this.makeKey(b.name as string, project, c.now, (days as number | null | undefined) ?? null);
    this.keys.set(k.id, k);
    return { status: this.config.createStatus, body: { ...this.view(k), key: k.plaintext } };
  }

  private rename(c: RouteContext, me: { project: string | null }): Reply {
    const k = this.find(c, me);
    if ('status' in k) return k;
    const body = jsonBody(c);
    const b = (body.ok ? (body.value ?? {}) : {}) as Record<string, unknown>;
    const problem = validName(b.name);
    if (problem) return problem;
    k.name = b.name as string;
    return { status: 200, body: this.view(k) };
  }

  private remove(c: RouteContext, me: { key: KernelKeyRecord; project: string | null }): Reply {
    const k = this.find(c, me);
    if ('status' in k) return k;
    if (k.id === me.key.id) return error(this.config.selfDeleteStatus, 'cannot_delete_self', 'An API key cannot delete itself');
    k.deleted_at = c.now.toISOString();
    return this.config.deleteStatus === 204 ? { status: 204 } : { status: 200, body: this.view(k) };
  }

  private rotate(c: RouteContext, me: { project: string | null }): Reply {
    if (this.config.rotate !== 'supported') return this.config.rotate === 404 ? error(404, 'not_found', 'Not Found') : error(405, 'method_not_allowed', 'Method Not Allowed');
    const old = this.find(c, me);
    if ('status' in old) return old;
    const body = jsonBody(c);
    if (!body.ok) return error(400, 'invalid_request', 'Request body must be JSON');
    const b = (body.value ?? {}) as Record<string, unknown>;
    const days = b.days_to_expire;
    const grace = b.expire_in_days;
    if (days !== undefined && days !== null && !(Number.isInteger(days) && (days as number) >= 1 && (days as number) <= 3650)) {
      return error(400, 'invalid_request', 'days_to_expire must be between 1 and 3650');
    }
    if (grace !== undefined && !(Number.isInteger(grace) && (grace as number) >= 0 && (grace as number) <= 3650)) {
      return error(400, 'invalid_request', 'expire_in_days must be between 0 and 3650');
    }
    if (typeof days === 'number' && typeof grace === 'number' && days < grace) {
      return error(400, 'invalid_request', 'days_to_expire must not be shorter than expire_in_days');
    }
    // Absent = reuse the old key's lifetime.
    const lifetime = days !== undefined ? (days as number | null) : old.expires_at ? Math.max(1, Math.round((Date.parse(old.expires_at) - Date.parse(old.created_at)) / 86_400_000)) : null;
    const fresh = this.makeKey(old.name, old.project_id, c.now, lifetime);
    this.keys.set(fresh.id, fresh);
    old.expires_at = addDays(c.now, (grace as number | undefined) ?? 7).toISOString();
    return { status: this.config.createStatus, body: { ...this.view(fresh), key: fresh.plaintext } };
  }
}

function validName(name: unknown): Reply | null {
  if (typeof name !== 'string' || name.length === 0) return error(400, 'invalid_request', 'name is required', [{ code: 'required', message: 'name is required' }]);
  if (name.length > 255) return error(400, 'invalid_request', 'name must be at most 255 characters');
  return null;
}
