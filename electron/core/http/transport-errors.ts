import { ProviderError } from './errors';
import type { HttpMethod } from './types';

const errCode = (e: unknown): string => {
  if (!e || typeof e !== 'object') return '';
  const c = (e as { code?: unknown }).code;
  const cause = (e as { cause?: unknown }).cause;
  return typeof c === 'string' ? c : cause ? errCode(cause) : '';
};

export interface TransportFailure {
  error: ProviderError;
  /** Whether an idempotent request may simply be sent again. */
  retryable: boolean;
  /** Short, secret-free tag for the log. */
  tag: string;
}

/**
 * Maps what undici or the socket threw to a stable code. The library's own message is never
 * used: it may quote the URL, and it tells the user nothing they can act on.
 */
export function transportFailure(e: unknown, method: HttpMethod, service: string, host: string): TransportFailure {
  if (e instanceof ProviderError) return { error: e, retryable: false, tag: e.code };
  const code = errCode(e);
  const sent = method !== 'GET';
  const maybeApplied = sent
    ? ' The change may have been applied even so: refresh the workspace to see before trying again.'
    : ' Try again in a moment.';
  switch (code) {
    case 'UND_ERR_CONNECT_TIMEOUT':
      return {
        error: new ProviderError('timeout', `Keydeck could not connect to ${service} at ${host} in time. Check your network or the service status. Nothing was sent.`),
        retryable: true,
        tag: code,
      };
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return {
        error: new ProviderError('timeout', `${service} at ${host} did not answer in time.${maybeApplied}`, { ambiguous: sent }),
        retryable: true,
        tag: code,
      };
    case 'UND_ERR_RES_EXCEEDED_MAX_SIZE':
      return {
        error: new ProviderError('response_too_large', `${service} sent an answer larger than Keydeck accepts. Check the workspace's base URL points at the API.`, { ambiguous: sent }),
        retryable: false,
        tag: code,
      };
    case 'UND_ERR_INVALID_ARG':
      // undici refused to build the request (a header byte it will not send): nothing left the machine.
      return {
        error: new ProviderError('invalid_request', `Keydeck could not build the request to ${service} at ${host} (a header held a character that cannot be sent). Nothing was sent; connect the workspace again with a fresh copy of the token.`),
        retryable: false,
        tag: code,
      };
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
      return {
        error: new ProviderError('network', `Keydeck could not reach ${service} at ${host}. Check your connection and the workspace's base URL. Nothing was sent.`),
        retryable: true,
        tag: code,
      };
    default:
      if (/CERT|TLS|SSL/i.test(code)) {
        return {
          error: new ProviderError('network', `The secure connection to ${host} failed (certificate problem). Keydeck did not send the token. Check the base URL.`),
          retryable: false,
          tag: code,
        };
      }
      return {
        error: new ProviderError('network', `The connection to ${service} at ${host} was cut before an answer arrived.${maybeApplied}`, { ambiguous: sent }),
        retryable: true,
        tag: code || 'unknown',
      };
  }
}
