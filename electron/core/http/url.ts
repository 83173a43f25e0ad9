import { isLoopbackHost } from '../../../shared/domain/url';
import { ProviderError } from './errors';
import type { QueryValue } from './types';

/** Joins base and path the way a person expects: `https://h/api/v1` + `/me` = `https://h/api/v1/me`. */
export function buildUrl(baseUrl: string, path: string, query?: Record<string, QueryValue>): URL {
  const base = new URL(baseUrl);
  const url = new URL(base.origin);
  url.pathname = `${base.pathname.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null) url.searchParams.set(k, String(v));
  return url;
}

/** The token rides in a header: plain http is refused unless the traffic stays on this machine. */
export function assertSafeTarget(url: URL, service: string): void {
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return;
  throw new ProviderError('insecure_url', `Keydeck will not send a ${service} token over ${url.protocol.replace(':', '')} to ${url.hostname}. Change the workspace's base URL to https://.`);
}
