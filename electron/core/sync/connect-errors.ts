import { AppError } from '../errors';
import { ProviderError } from '../http/errors';

/**
 * Connecting is the first call to an address someone just typed, so a failure there is most
 * often the address, then the key, then its scope. The shared HTTP advice is written for calls
 * that worked before; this names the likely cause for a first contact instead, keeping the code.
 */
export function explainConnectError(e: unknown, ws: { name: string; base_url: string }, service: string, projectId: string | null): unknown {
  if (!(e instanceof AppError)) return e;
  const url = ws.base_url;
  const checkUrl = `Check the base URL of "${ws.name}" (${url}): edit the workspace and connect again.`;
  const status = e instanceof ProviderError ? e.status : null;
  const why = (message: string) => new AppError(e.code, message, e.extra);
  switch (e.code) {
    case 'not_found':
      // The key-list (or identity) endpoint always exists at the right address: a 404 there is the address.
      return projectId
        ? why(`${service} answered 404 at ${url}: either the base URL is wrong or project "${projectId}" does not exist for this key. ${checkUrl} Or connect without the project.`)
        : why(`${service} answered 404 at ${url}: no ${service} API there, so the base URL is most likely wrong (a web page address, a missing path or another host). ${checkUrl}`);
    case 'unsupported':
    case 'malformed_response':
      return why(`The address ${url} answered${status ? ` (HTTP ${status})` : ''}, but not like the ${service} API${e.code === 'malformed_response' ? ' (not the JSON it sends)' : ''}: the base URL most likely points at a web page or another service. ${checkUrl}`);
    case 'network':
    case 'timeout':
      return why(`Keydeck could not reach ${url}: the host name may be wrong, or the service or your network is down. ${checkUrl}`);
    case 'auth_failed':
      return why(`${service} at ${url} was reached and rejected the management key: it is wrong, expired or revoked (the address is fine). Paste a valid key.`);
    case 'forbidden':
      return why(`${service} accepted the management key but it may not list keys: it lacks the scope or role for that (the address and the key are fine). Use a key with permission to manage keys.`);
    default:
      return e;
  }
}
