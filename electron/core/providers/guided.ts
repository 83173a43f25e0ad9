import { PROVIDERS, type ProviderId } from '../../../shared/domain';
import { ProviderError } from '../http';
import type { Connection, CreatedKey, Identity, ProbeResult, ProviderClient, RemoteKey, RotateResult } from './types';

/** For services whose tokens are made in their web UI: say where, instead of failing vaguely. */
export function guidedOnly(provider: ProviderId, baseUrl: string, action: string): ProviderError {
  const info = PROVIDERS[provider];
  const page = info.tokenPage ? (info.tokenPage.startsWith('/') ? `${new URL(baseUrl).origin}${info.tokenPage}` : info.tokenPage) : 'the service\'s settings';
  return new ProviderError('unsupported', `${info.label} has no API to ${action} tokens. Do it in its web app (${page}), then paste the new token into Keydeck.`);
}

/** Probe in terms of verify: 401 means rejected, 403 means the token lives but lacks a scope. */
export async function probeWith(verify: () => Promise<Identity>): Promise<ProbeResult> {
  try {
    return { state: 'valid', identity: await verify() };
  } catch (e) {
    if (e instanceof ProviderError && e.code === 'auth_failed') return { state: 'rejected' };
    if (e instanceof ProviderError && e.code === 'forbidden') return { state: 'forbidden' };
    throw e;
  }
}

/**
 * A service whose tokens are managed in its web UI: subclasses implement `verify` only; every
 * management call answers `unsupported` with the page to go to, and `probe` is verify's 401/403.
 */
export abstract class GuidedProviderClient implements ProviderClient {
  abstract readonly provider: ProviderId;

  constructor(protected readonly conn: Connection) {}

  abstract verify(): Promise<Identity>;

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
