import type { IncomingHttpHeaders } from 'node:http';

export interface Reply {
  status: number;
  /** JSON-encoded when present; absent = an empty body (204). */
  body?: unknown;
  /** A non-JSON body (the web pages a guided flow opens). */
  text?: string;
  headers?: Record<string, string>;
}

export interface RouteContext {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  token: string | null;
  rawBody: string;
  now: Date;
}

export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** `/org/api_keys/:id`; a fault is armed with `"METHOD path"` exactly as written here. */
  path: string;
  handler: (ctx: RouteContext) => Reply | Promise<Reply>;
}

export type FaultKind = 'status' | 'rate-limit' | 'slow' | 'reset' | 'malformed' | 'oversized' | 'lost' | 'drip';

export interface FaultSpec {
  kind: FaultKind;
  /** `status`: the HTTP status to answer (default 503). */
  status?: number;
  /** `rate-limit`: the Retry-After value in seconds (default 1). */
  retryAfterSeconds?: number;
  /** `slow`: how long to hold the answer (default 5 s, beyond any test client timeout). */
  delayMs?: number;
  /** `drip`: the gap between single body bytes (default 5 s): each gap is within any per-read timeout. */
  intervalMs?: number;
  /** `oversized`: how many bytes to stream (default 4 MiB). */
  bytes?: number;
  /** How many requests the fault hits before it disarms itself (default: all of them). */
  times?: number;
}

export interface ImitationStats {
  requests: number;
  inFlight: number;
  /** Most requests being handled at once: what a per-host limit must bound. */
  peakInFlight: number;
  openConnections: number;
  peakConnections: number;
  byRoute: Record<string, number>;
}
