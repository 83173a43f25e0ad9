import { ProviderError, statusError, type HttpClient } from '../../http';
import { GuidedProviderClient } from '../guided';
import type { Connection, Identity, ProbeResult } from '../types';
import { splitVerifyPath } from '../verify-request';

/**
 * Any bearer token a developer holds (GitHub, OpenAI, Stripe, an internal API). Keydeck knows
 * nothing of the service but what its workspace says: an optional base URL, a verify path and
 * the status that means "this token works". Everything else is guided, through the page the
 * user set. Without a verify call the token is kept unchecked, and says so.
 */
export class OtherTokenClient extends GuidedProviderClient {
  readonly provider = 'other' as const;

  constructor(
    private readonly http: HttpClient,
    conn: Connection,
  ) {
    super(conn);
  }

  /** The service's name for messages: the host, as the user knows the API by it. */
  private get service(): string {
    try {
      return new URL(this.conn.baseUrl).host;
    } catch {
      return 'The service';
    }
  }

  private get checkable(): boolean {
    return !!this.conn.baseUrl && !!this.conn.verify;
  }

  async verify(): Promise<Identity> {
    if (!this.checkable || !this.conn.verify) {
      throw new ProviderError('unsupported', 'This workspace has no base URL and verify path, so Keydeck cannot check a token. Set both on the workspace (for GitHub: https://api.github.com and /user).');
    }
    const { path, query } = splitVerifyPath(this.conn.verify.path);
    const res = await this.http.send({ method: 'GET', baseUrl: this.conn.baseUrl, path, query, token: this.conn.token, service: this.service });
    const expected = this.conn.verify.expectStatus;
    const ok = expected !== undefined ? res.status === expected : res.status >= 200 && res.status < 300;
    if (!ok) {
      if (res.status >= 200 && res.status < 300) {
        throw statusError({ ...res, status: 502 }, { detail: `answered ${res.status}, not the ${expected} this workspace expects`, code: 'malformed_response' });
      }
      throw statusError(res, { retryAfterSeconds: this.http.retryAfterSeconds(res) });
    }
    // Whoever the token belongs to, when the answer says it in a common field (GitHub: login).
    const body = (res.body && typeof res.body === 'object' ? res.body : {}) as Record<string, unknown>;
    const who = ['login', 'username', 'email', 'name'].map((f) => body[f]).find((v): v is string => typeof v === 'string' && v.length > 0 && v.length <= 100);
    return { label: who ?? `${this.service} (${this.conn.verify.path} answered ${res.status})`, userId: null };
  }

  /**
   * Revoked means the service now answers 401 or 403 (APIs differ); no verify call means the
   * token cannot be checked at all, which is said rather than guessed.
   */
  override async probe(): Promise<ProbeResult> {
    if (!this.checkable) return { state: 'unchecked' };
    try {
      return { state: 'valid', identity: await this.verify() };
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'auth_failed' || code === 'forbidden') return { state: 'rejected' };
      throw e;
    }
  }
}
