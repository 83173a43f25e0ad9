import { opaqueToken, shortId } from './ids';
import { ImitationServer, type ImitationOptions } from './server';
import type { Reply, Route, RouteContext } from './types';

export interface KinesisPatRecord {
  id: string;
  name: string;
  plaintext: string;
  userId: string;
  permissions: string[];
  valid_from: string;
  valid_to: string;
}

export interface KinesisImitationOptions extends ImitationOptions {
  /** The service may send HTTP 200 around an error body; 'mirror' sends the body's status as HTTP status too. */
  httpStatusOnError?: 'always-200' | 'mirror';
  /**
   * Held-out: behave like the service's open predecessor (providers.md §4): `/user/fetch` needs
   * `?uid=<id>` and answers it to ROOT users only (403 otherwise), and a token that cannot be
   * decoded gets body status 500 "Failed decoding JWT" instead of 401.
   */
  predecessor?: boolean;
}

/**
 * Imitation of a self-hosted Kinesis API (providers.md §4): `{status, message, ...payload}` bodies
 * whose `status` is the truth, and PATs valid only inside their valid-from/valid-to window.
 */
export class KinesisImitation extends ImitationServer {
  readonly pats = new Map<string, KinesisPatRecord>();
  readonly users = new Map<string, { id: string; username: string; role: string }>();
  httpStatusOnError: 'always-200' | 'mirror';
  predecessor: boolean;

  constructor(opts: KinesisImitationOptions = {}) {
    const routes: Route[] = [];
    super('kinesis', routes, (status, message) => this.reply(status, message), opts);
    this.httpStatusOnError = opts.httpStatusOnError ?? 'always-200';
    this.predecessor = opts.predecessor ?? false;
    const fetch = (permission: string, payload: (u: { id: string; username: string; role: string }) => Record<string, unknown>) => (c: RouteContext) =>
      this.authed(c, permission, (u) => this.reply(200, 'OK', payload(u)));
    routes.push(
      { method: 'GET', path: '/user/fetch', handler: (c) => (this.predecessor ? this.userFetchByUid(c) : fetch('USER_FETCH', (u) => ({ user: u }))(c)) },
      { method: 'GET', path: '/config/fetch', handler: fetch('CONFIG_FETCH', () => ({ config: { name: 'Kinesis demo' } })) },
      { method: 'GET', path: '/project/fetch', handler: fetch('PROJECT_FETCH', () => ({ projects: [] })) },
      { method: 'GET', path: '/web/pats', handler: () => ({ status: 200, text: '<h1>Personal access tokens</h1>' }) },
      { method: 'GET', path: '/scalar', handler: () => ({ status: 200, text: '<h1>API reference</h1>' }) },
    );
  }

  addUser(username: string, role = 'ROOT'): string {
    const id = shortId('u');
    this.users.set(id, { id, username, role });
    return id;
  }

  /** What the web UI at /web/pats does: the value is shown once and stored (here: kept) for checking. */
  issuePat(userId: string, opts: { name: string; permissions: string[]; validFrom: Date; validTo: Date }): { record: KinesisPatRecord; secret: string } {
    const record: KinesisPatRecord = {
      id: shortId('pat'),
      name: opts.name,
      plaintext: opaqueToken('kpat_'),
      userId,
      permissions: opts.permissions,
      valid_from: opts.validFrom.toISOString(),
      valid_to: opts.validTo.toISOString(),
    };
    this.pats.set(record.id, record);
    return { record, secret: record.plaintext };
  }

  deletePat(id: string): void {
    this.pats.delete(id);
  }

  private reply(status: number, message: string, payload: Record<string, unknown> = {}): Reply {
    const http = status >= 200 && status < 300 ? 200 : this.httpStatusOnError === 'mirror' ? status : 200;
    return { status: http, body: { status, message, ...payload } };
  }

  private userFetchByUid(c: RouteContext): Reply {
    return this.authed(c, 'USER_FETCH', (u) => {
      const uid = c.query.get('uid');
      if (!uid) return this.reply(400, 'Missing uid');
      if (u.role !== 'ROOT') return this.reply(403, 'Only ROOT users may fetch users');
      const user = this.users.get(uid);
      return user ? this.reply(200, 'OK', { user }) : this.reply(404, 'User not found');
    });
  }

  private authed(c: RouteContext, permission: string, fn: (u: { id: string; username: string; role: string }) => Reply): Reply {
    const pat = [...this.pats.values()].find((p) => p.plaintext === c.token);
    if (!pat) return this.reply(this.predecessor ? 500 : 401, this.predecessor ? 'Failed decoding JWT' : 'Invalid token');
    const now = c.now.getTime();
    if (now < Date.parse(pat.valid_from)) return this.reply(401, 'Token is not yet valid');
    if (now > Date.parse(pat.valid_to)) return this.reply(401, 'Token has expired');
    const user = this.users.get(pat.userId);
    if (!user) return this.reply(401, 'Invalid token');
    if (!pat.permissions.includes(permission)) return this.reply(403, `Missing permission ${permission}`);
    return fn(user);
  }
}
