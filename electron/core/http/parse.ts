import type { z } from 'zod';
import { ProviderError } from './errors';
import type { HttpResponse } from './types';

/**
 * Every answer the core uses passes a schema first. The message names the fields that did not
 * fit (paths only, never values), which is what a bug report needs.
 */
export function parseBody<S extends z.ZodType>(res: HttpResponse, schema: S, what: string): z.output<S> {
  if (res.body === undefined) {
    throw new ProviderError('malformed_response', `${res.service} answered the ${what} request with something that is not JSON. Check that the workspace's base URL points at the API, or try again later.`, { status: res.status, ambiguous: res.method !== 'GET' });
  }
  const parsed = schema.safeParse(res.body);
  if (!parsed.success) {
    const where = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(root)'))].slice(0, 5).join(', ');
    // Our own refinements (a secret with characters no token has) say what was wrong, never the value.
    const refused = parsed.error.issues.find((i) => i.code === 'custom');
    if (refused) {
      throw new ProviderError('malformed_response', `${res.service} answered the ${what} request with a value Keydeck refuses (${refused.path.join('.')}: ${refused.message}). Keydeck did not store or write it; the service may be compromised or broken.`, { status: res.status, ambiguous: res.method !== 'GET' });
    }
    throw new ProviderError('malformed_response', `${res.service} answered the ${what} request in a form Keydeck does not understand (at ${where}). The service may have changed its API; check for a Keydeck update.`, { status: res.status, ambiguous: res.method !== 'GET' });
  }
  return parsed.data;
}

export const isSuccess = (res: HttpResponse) => res.status >= 200 && res.status < 300;
