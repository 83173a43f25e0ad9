import { opaqueToken } from './ids';
import { ImitationServer, type ImitationOptions } from './server';
import type { Reply, Route, RouteContext } from './types';

export interface OtherImitationOptions extends ImitationOptions {
  /** How a wrong or revoked token is refused: GitHub-like 401, or 403 as some APIs do. */
  rejectWith?: 401 | 403;
}

/**
 * Any bearer-token API a developer holds ("Other token"): `GET /user` answers who the token
 * belongs to; tokens are made and revoked on the settings page only (here: by the test).
 */
export class OtherImitation extends ImitationServer {
  readonly tokens = new Map<string, { login: string; revoked: boolean }>();
  rejectWith: 401 | 403;

  constructor(opts: OtherImitationOptions = {}) {
    const routes: Route[] = [];
    super('other', routes, (status, message) => ({ status, body: { message } }), opts);
    this.rejectWith = opts.rejectWith ?? 401;
    routes.push(
      { method: 'GET', path: '/user', handler: (c) => this.authed(c, (login) => ({ status: 200, body: { login } })) },
      { method: 'GET', path: '/settings/tokens', handler: () => ({ status: 200, text: '<h1>Personal access tokens</h1>' }) },
    );
  }

  issue(login: string): string {
    const token = opaqueToken('ghp_');
    this.tokens.set(token, { login, revoked: false });
    return token;
  }

  revoke(token: string): void {
    const t = this.tokens.get(token);
    if (t) t.revoked = true;
  }

  private authed(c: RouteContext, fn: (login: string) => Reply): Reply {
    const t = c.token ? this.tokens.get(c.token) : undefined;
    if (!t || t.revoked) return { status: this.rejectWith, body: { message: 'Bad credentials' } };
    return fn(t.login);
  }
}
