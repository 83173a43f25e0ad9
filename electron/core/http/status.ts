import type { ErrorCode } from '../../../shared/result';
import { systemClock } from '../ports';
import { ProviderError, scrubText } from './errors';
import { parseRetryAfter } from './retry';
import type { HttpResponse } from './types';

export interface StatusContext {
  /** What the service said, taken from its own error body (scrubbed here). */
  detail?: string | null;
  /** What was being looked for, for 404s: "key key_01…". */
  thing?: string;
  /** Seconds from Retry-After, when the service sent one. */
  retryAfterSeconds?: number | null;
  /** Overrides the code for statuses a service uses differently (Kernel's self-delete). */
  code?: ErrorCode;
  /** The provider's own advice for a 404 (kernel.sh: project scope); a plain "refresh" otherwise. */
  notFoundAdvice?: string;
}

/**
 * One table from HTTP status to a stable code and a message that says what to do next.
 * Each provider extracts `detail` from its own error body; the advice is shared.
 */
export function statusError(res: Pick<HttpResponse, 'status' | 'service' | 'token'> & { headers?: Record<string, string> }, ctx: StatusContext = {}): ProviderError {
  const s = res.service;
  const said = ctx.detail ? ` ${s} said: "${scrubText(ctx.detail, res.token)}".` : '';
  const status = res.status;
  const make = (code: ErrorCode, message: string, retryAfterSeconds?: number | null) =>
    new ProviderError(ctx.code ?? code, message, {
      status,
      extra: retryAfterSeconds != null ? { retryAfterSeconds } : {},
    });

  if (status === 401) return make('auth_failed', `${s} rejected the token: it is wrong, expired or revoked.${said} Check the key, or connect the workspace again with a valid one.`);
  if (status === 403) return make('forbidden', `${s} accepted the token but it lacks the permission for this.${said} Use a key with the needed scope or role.`);
  if (status === 404) return make('not_found', `${s} found no ${ctx.thing ?? 'such item'}, or the token may not see it.${said} ${ctx.notFoundAdvice ?? 'Refresh the workspace.'}`);
  if (status === 405) return make('unsupported', `${s} does not offer this operation at this address.${said} Check the workspace's base URL.`);
  if (status === 409) return make('conflict', `${s} refused because of a conflict.${said} Refresh the workspace and try again.`);
  if (status === 429) {
    ctx = { ...ctx, retryAfterSeconds: ctx.retryAfterSeconds ?? parseRetryAfter(res.headers?.['retry-after'], systemClock) };
    const wait = ctx.retryAfterSeconds != null ? ` Try again in ${ctx.retryAfterSeconds} s.` : ' Wait a little before trying again.';
    return make('rate_limited', `${s} is rate-limiting this account.${said}${wait}`, ctx.retryAfterSeconds);
  }
  if (status >= 400 && status < 500) return make('invalid_request', `${s} rejected the request (HTTP ${status}).${said} Check the values entered.`);
  if (status >= 500) return make('provider_unavailable', `${s} is having trouble (HTTP ${status}).${said} Nothing was changed on this side; try again later.`);
  return make('malformed_response', `${s} answered with an unexpected HTTP ${status}. Check the workspace's base URL.`);
}
