import { PROVIDERS, type ProviderId } from '../../../shared/domain';
import { ProviderError } from '../http';

/** For services whose tokens are made in their web UI: say where, instead of failing vaguely. */
export function guidedOnly(provider: ProviderId, baseUrl: string, action: string): ProviderError {
  const info = PROVIDERS[provider];
  const page = info.tokenPage ? (info.tokenPage.startsWith('/') ? `${new URL(baseUrl).origin}${info.tokenPage}` : info.tokenPage) : 'the service\'s settings';
  return new ProviderError('unsupported', `${info.label} has no API to ${action} tokens. Do it in its web app (${page}), then paste the new token into Keydeck.`);
}

/** Probe in terms of verify: 401 means rejected, 403 means the token lives but lacks a scope. */
export async function probeWith(verify: () => Promise<import('./types').Identity>): Promise<import('./types').ProbeResult> {
  try {
    return { state: 'valid', identity: await verify() };
  } catch (e) {
    if (e instanceof ProviderError && e.code === 'auth_failed') return { state: 'rejected' };
    if (e instanceof ProviderError && e.code === 'forbidden') return { state: 'forbidden' };
    throw e;
  }
}
