import { addDays, opaqueToken, shortId } from './ids';
import { ImitationServer, type ImitationOptions } from './server';
import type { Reply, Route, RouteContext } from './types';

export const ASIMOV_SCOPES = ['read', 'write', 'delete', 'admin'] as const;
export type AsimovScope = (typeof ASIMOV_SCOPES)[number];

export interface AsimovTokenRecord {
  id: string;
  name: string;
  plaintext: string;
  userId: string;
  scopes: AsimovScope[];
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

export interface AsimovImitationOptions extends ImitationOptions {
  /** Requests per token per minute before 429 (the service documents 1000). */
  ratePerMinute?: number;
}

const error = (status: number, code: string, message: string): Reply => ({ status, body: { error: { code, message } } });

/**
 * Imitation of Kernel by Asimov (providers.md §3). Tokens are made in the web app only, so the
 * programmatic `issueToken` / `revokeToken` stand in for a person clicking in Settings > Security.
 * Served under `/api/v1`: the workspace base URL is `<origin>/api/v1`.
 */
export class AsimovImitation extends ImitationServer {
  readonly tokens = new Map<string, AsimovTokenRecord>();
  readonly users = new Map<string, { id: string; name: string; email: string; workspaceAccess: boolean }>();
  ratePerMinute: number;
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(opts: AsimovImitationOptions = {}) {
    const routes: Route[] = [];
    super('asimov-kernel', routes, (status, message) => error(status, status === 429 ? 'RATE_LIMITED' : status >= 500 ? 'INTERNAL_ERROR' : 'NOT_FOUND', message), opts);
    this.ratePerMinute = opts.ratePerMinute ?? 1000;
    routes.push(
      { method: 'GET', path: '/api/v1/me', handler: (c) => this.authed(c, 'read', (u) => ({ status: 200, body: { id: u.id, name: u.name, email: u.email } })) },
      { method: 'GET', path: '/api/v1/constructs', handler: (c) => this.authed(c, 'read', () => ({ status: 200, body: { data: [{ id: 'cst_1', name: 'Demo construct' }] } })) },
      { method: 'GET', path: '/settings/security', handler: () => ({ status: 200, text: '<h1>API Tokens</h1><p>Create a token: name, expiration, scopes.</p>' }) },
    );
  }

  addUser(name: string, email: string): string {
    const id = shortId('usr');
    this.users.set(id, { id, name, email, workspaceAccess: true });
    return id;
  }

  /** What the web UI does when a person creates a token: the plaintext is shown once. */
  issueToken(userId: string, opts: { name: string; scopes?: AsimovScope[]; expiresInDays?: number }): { record: AsimovTokenRecord; secret: string } {
    const now = this.now();
    const record: AsimovTokenRecord = {
      id: shortId('pat'),
      name: opts.name,
      plaintext: opaqueToken('asm_'),
      userId,
      scopes: opts.scopes ?? ['read'],
      created_at: now.toISOString(),
      expires_at: addDays(now, opts.expiresInDays ?? 30).toISOString(),
      revoked_at: null,
      last_used_at: null,
    };
    this.tokens.set(record.id, record);
    return { record, secret: record.plaintext };
  }

  revokeToken(id: string): void {
    const t = this.tokens.get(id);
    if (t) t.revoked_at = this.now().toISOString();
  }

  /** 401: wrong, expired or revoked. 403: alive but lacking the scope or the workspace permission. */
  private authed(c: RouteContext, scope: AsimovScope, fn: (user: { id: string; name: string; email: string }) => Reply): Reply {
    const t = [...this.tokens.values()].find((x) => x.plaintext === c.token);
    if (!t || t.revoked_at || Date.parse(t.expires_at) <= c.now.getTime()) return error(401, 'UNAUTHORIZED', 'Invalid, expired or revoked token');
    const w = this.windows.get(t.id);
    const minute = Math.floor(c.now.getTime() / 60_000);
    if (!w || w.start !== minute) this.windows.set(t.id, { start: minute, count: 1 });
    else if (++w.count > this.ratePerMinute) return { ...error(429, 'RATE_LIMITED', 'Rate limit exceeded'), headers: { 'retry-after': String(60 - (Math.floor(c.now.getTime() / 1000) % 60)) } };
    const user = this.users.get(t.userId);
    if (!user || !user.workspaceAccess) return error(403, 'FORBIDDEN', 'You do not have permission for this workspace');
    if (!t.scopes.includes(scope) && !t.scopes.includes('admin')) return error(403, 'FORBIDDEN', `Token is missing the ${scope} scope`);
    t.last_used_at = c.now.toISOString();
    return fn(user);
  }
}
