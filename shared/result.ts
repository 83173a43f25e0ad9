/**
 * Every channel answers with a Result instead of throwing across the process boundary:
 * a thrown Error loses its type over IPC and may carry text we never meant to send.
 */
export const ERROR_CODES = [
  // input and routing
  'invalid_input',
  'unknown_channel',
  'forbidden_sender',
  // local state
  'not_found',
  'duplicate_key',
  'workspace_not_empty',
  'conflict',
  'storage_error',
  'keychain_unavailable',
  'keychain_locked',
  // providers (filled in by the provider clients)
  'auth_failed',
  'forbidden',
  'rate_limited',
  'invalid_request',
  'provider_unavailable',
  'malformed_response',
  'network',
  'timeout',
  'unsupported',
  // last resort: the message is generic by design, details go to the local log
  'internal',
  // HTTP safety rails (issue 3)
  'response_too_large',
  'redirect_blocked',
  'insecure_url',
  // a workspace's lifetime policy refused the request (issue 14); the message names the rule
  'policy_violation',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppErrorShape {
  code: ErrorCode;
  /** Safe to show: never contains a secret. Says what the user can do next. */
  message: string;
  /** Field-level problems for forms (path → message), never values. */
  fields?: Record<string, string>;
  /** Seconds to wait before trying again, when the cause says so (429). */
  retryAfterSeconds?: number;
}

export type Ok<T> = { ok: true; value: T };
export type Err = { ok: false; error: AppErrorShape };
export type Result<T> = Ok<T> | Err;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const err = (
  code: ErrorCode,
  message: string,
  extra: Omit<AppErrorShape, 'code' | 'message'> = {},
): Err => ({ ok: false, error: { code, message, ...extra } });
