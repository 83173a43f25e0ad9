import { isSuccess, parseBody, type HttpClient } from '../../http';
import { guidedOnly, probeWith } from '../guided';
import type { Connection, CreatedKey, Identity, ProbeResult, ProviderClient, RemoteKey, RotateResult } from '../types';
import { asimovError } from './errors';
import { AsimovMeSchema } from './schemas';

const SERVICE = 'Kernel by Asimov';

/**
 * Personal access tokens are made and revoked in Asimov's web app only. The client verifies;
 * everything else is a guided flow, and says so.
 */
export class AsimovClient implements ProviderClient {
  readonly provider = 'asimov-kernel' as const;

  constructor(
    private readonly http: HttpClient,
    private readonly conn: Connection,
  ) {}

  async verify(): Promise<Identity> {
    const res = await this.http.send({ method: 'GET', baseUrl: this.conn.baseUrl, path: '/me', token: this.conn.token, service: SERVICE });
    if (!isSuccess(res)) throw asimovError(res, this.http.retryAfterSeconds(res));
    const me = parseBody(res, AsimovMeSchema, 'me');
    return { label: me.email ? `${me.name} <${me.email}>` : me.name, userId: me.id != null ? String(me.id) : null };
  }

  /** A revoked token answers 401: that is how a guided revocation is confirmed. */
  probe(): Promise<ProbeResult> {
    return probeWith(() => this.verify());
  }

  list(): Promise<RemoteKey[]> {
    return Promise.reject(guidedOnly(this.provider, this.conn.baseUrl, 'list'));
  }
  create(): Promise<CreatedKey> {
    return Promise.reject(guidedOnly(this.provider, this.conn.baseUrl, 'create'));
  }
  rename(): Promise<RemoteKey> {
    return Promise.reject(guidedOnly(this.provider, this.conn.baseUrl, 'rename'));
  }
  revoke(): Promise<void> {
    return Promise.reject(guidedOnly(this.provider, this.conn.baseUrl, 'revoke'));
  }
  rotate(): Promise<RotateResult> {
    return Promise.reject(guidedOnly(this.provider, this.conn.baseUrl, 'rotate'));
  }
}
