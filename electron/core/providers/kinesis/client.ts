import { parseBody, type HttpClient } from '../../http';
import { PROVIDERS } from '../../../../shared/domain';
import { GuidedProviderClient } from '../guided';
import { splitVerifyPath } from '../verify-request';
import type { Connection, Identity } from '../types';
import { kinesisError } from './errors';
import { KinesisEnvelopeSchema, KinesisUserPayload } from './schemas';

const SERVICE = 'Kinesis API';

export interface KinesisOptions {
  /** The PAT endpoints are not published; verification is any authenticated fetch, `/user/fetch` by default (a workspace may set its own). */
  verifyPath?: string;
}

/** Self-hosted, tokens made in its web UI (`/web/pats`): verify only, the rest is guided. */
export class KinesisClient extends GuidedProviderClient {
  readonly provider = 'kinesis' as const;
  private readonly verifyPath: string;

  constructor(
    private readonly http: HttpClient,
    conn: Connection,
    opts: KinesisOptions = {},
  ) {
    super(conn);
    this.verifyPath = conn.verify?.path ?? opts.verifyPath ?? PROVIDERS.kinesis.defaultVerifyPath ?? '/user/fetch';
  }

  /**
   * A token outside its valid-from/valid-to window fails here too: the service answers 401 in the
   * body. Which call proves a token is the workspace's choice: a non-ROOT token may not read
   * `/user/fetch?uid=…` on older deployments, so another path can be set.
   */
  async verify(): Promise<Identity> {
    const { path, query } = splitVerifyPath(this.verifyPath);
    const res = await this.http.send({ method: 'GET', baseUrl: this.conn.baseUrl, path, query, token: this.conn.token, service: SERVICE });
    const failure = kinesisError(res, this.http.retryAfterSeconds(res), this.conn.verify?.expectStatus);
    if (failure) throw failure;
    parseBody(res, KinesisEnvelopeSchema, 'user fetch');
    const payload = KinesisUserPayload.safeParse(res.body);
    const user = payload.success ? (payload.data.user ?? payload.data.data ?? null) : null;
    const label = user?.username ?? user?.name ?? user?.email ?? new URL(this.conn.baseUrl).host;
    return { label, userId: user?.id != null ? String(user.id) : null };
  }
}
