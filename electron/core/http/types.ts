import type { Dispatcher } from 'undici';
import type { Clock, Logger } from '../ports';
import type { ResponseBudget } from './budget';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export type QueryValue = string | number | boolean | null | undefined;

export interface HttpRequest {
  method: HttpMethod;
  /** The workspace's base URL; `path` is appended to its path (Asimov's base already ends in /api/v1). */
  baseUrl: string;
  path: string;
  /** Sent as `Authorization: Bearer …`, and nowhere else: never logged, never in an error. */
  token: string;
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
  body?: unknown;
  /** The service's label for messages ("Kernel", "Kernle"). */
  service: string;
  /**
   * Whether a 429 on an idempotent GET may be retried after its Retry-After. Kernle counts every
   * call against a quota, so its client turns this off and reports the wait to the user instead.
   */
  retryOn429?: boolean;
  /** Shared by every page of one operation: the sum of their bodies is capped, not just each one. */
  budget?: ResponseBudget;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON; `undefined` when the body was not JSON; `null` when it was empty. */
  body: unknown;
  /** The request's token, kept so error mapping can scrub it from anything the service echoes. */
  token: string;
  service: string;
  method: HttpMethod;
}

export interface RetryPolicy {
  /** Total tries for an idempotent GET, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is reported to the user rather than waited out. */
  maxRetryAfterMs: number;
}

export interface HttpTimeouts {
  connectMs: number;
  headersMs: number;
  bodyMs: number;
  /**
   * The whole call, retries included: connect, headers and every byte of the body. The other
   * timeouts are per step, so a body dripping one byte at a time would otherwise never end.
   */
  deadlineMs: number;
}

export interface HttpClientOptions {
  timeouts?: Partial<HttpTimeouts>;
  retry?: Partial<RetryPolicy>;
  /** Larger answers are cut off: no token API returns megabytes, and memory is the user's. */
  maxResponseBytes?: number;
  /** Sockets per origin in the shared pool. */
  connectionsPerOrigin?: number;
  /** Backoff waits go through here so tests never wait real seconds. */
  sleep?: (ms: number) => Promise<void>;
  clock?: Clock;
  random?: () => number;
  logger?: Logger;
  /** Tests may pass their own dispatcher; by default one pooled Agent is shared by every call. */
  dispatcher?: Dispatcher;
}
