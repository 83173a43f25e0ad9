import { isSuccess, parseBody, type HttpClient } from '../../http';
import { GuidedProviderClient } from '../guided';
import type { Connection, Identity } from '../types';
import { asimovError } from './errors';
import { AsimovMeSchema } from './schemas';

const SERVICE = 'Kernel by Asimov';

/**
 * Personal access tokens are made and revoked in Asimov's web app only. The client verifies;
 * everything else is a guided flow, and says so.
 */
export class AsimovClient extends GuidedProviderClient {
  readonly provider = 'asimov-kernel' as const;

  constructor(
    private readonly http: HttpClient,
    conn: Connection,
  ) {
    super(conn);
  }

  async verify(): Promise<Identity> {
    const res = await this.http.send({ method: 'GET', baseUrl: this.conn.baseUrl, path: '/me', token: this.conn.token, service: SERVICE });
    if (!isSuccess(res)) throw asimovError(res, this.http.retryAfterSeconds(res));
    const me = parseBody(res, AsimovMeSchema, 'me');
    return { label: me.email ? `${me.name} <${me.email}>` : me.name, userId: me.id != null ? String(me.id) : null };
  }
}
