import { createRequire } from 'node:module';
import type { Agent, Dispatcher } from 'undici';
import { systemClock, type Clock, type Logger } from '../ports';
import { silentLogger } from '../log';
import { parseJsonLenient, readLimited } from './body';
import { ProviderError } from './errors';
import { backoffMs, DEFAULT_RETRY, parseRetryAfter, RETRYABLE_STATUSES } from './retry';
import { transportFailure } from './transport-errors';
import type { HttpClientOptions, HttpRequest, HttpResponse, HttpTimeouts, RetryPolicy } from './types';
import { assertSafeTarget, buildUrl } from './url';
import { assertSendable } from './sendable';

export const DEFAULT_TIMEOUTS: HttpTimeouts = { connectMs: 10_000, headersMs: 20_000, bodyMs: 20_000, deadlineMs: 60_000 };
export const DEFAULT_MAX_RESPONSE_BYTES = 2 * 1024 * 1024;
const MAX_REDIRECTS = 3;
const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The one way the core talks HTTP. Answers of any status come back to the provider client,
 * which knows its service's error body; transport failures, oversized or non-JSON bodies,
 * redirects and retries are settled here, the same for every service.
 */
export class HttpClient {
  readonly timeouts: HttpTimeouts;
  readonly retry: RetryPolicy;
  readonly maxResponseBytes: number;
  /** Built on the first request: most CLI commands make none, and undici costs ~100 ms to load. */
  private transport: Promise<Transport> | null = null;
  private readonly agentOptions: Agent.Options;
  private readonly givenDispatcher: Dispatcher | undefined;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly logger: Logger;

  constructor(opts: HttpClientOptions = {}) {
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...opts.timeouts };
    this.retry = { ...DEFAULT_RETRY, ...opts.retry };
    this.maxResponseBytes = opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.sleep = opts.sleep ?? realSleep;
    this.clock = opts.clock ?? systemClock;
    this.random = opts.random ?? Math.random;
    this.logger = opts.logger ?? silentLogger;
    this.givenDispatcher = opts.dispatcher;
    this.agentOptions = {
      connect: { timeout: this.timeouts.connectMs },
      connections: opts.connectionsPerOrigin ?? 6,
      headersTimeout: this.timeouts.headersMs,
      bodyTimeout: this.timeouts.bodyMs,
      keepAliveTimeout: 4_000,
    };
  }

  private loadTransport(): Promise<Transport> {
    // require, not import(): a dynamic import would start Node's ESM loader for one CommonJS package.
    this.transport ??= Promise.resolve().then(() => {
      const { Agent, request } = createRequire(import.meta.url)('undici') as typeof import('undici');
      return { request, dispatcher: this.givenDispatcher ?? new Agent(this.agentOptions), owned: !this.givenDispatcher };
    });
    return this.transport;
  }

  /**
   * Sends one request, retrying only when it is an idempotent GET. Never throws for an HTTP
   * status (except a redirect it will not follow): the caller maps statuses with its service's body.
   */
  async send(req: HttpRequest): Promise<HttpResponse> {
    // Checked here, not by undici: a header it refuses costs a pooled connection each time.
    assertSendable(req);
    const deadline = new AbortController();
    const host = safeHost(req.baseUrl);
    const timer = setTimeout(() => {
      const applied = req.method === 'GET' ? ' Try again later.' : ' The change may have been applied even so: refresh the workspace to see before trying again.';
      deadline.abort(new ProviderError('timeout', `${req.service} at ${host} took longer than ${Math.round(this.timeouts.deadlineMs / 1000)} s to answer in full.${applied}`, { ambiguous: req.method !== 'GET' }));
    }, this.timeouts.deadlineMs);
    timer.unref?.();
    try {
      return await this.attempts(req, deadline.signal);
    } finally {
      clearTimeout(timer);
    }
  }

  private async attempts(req: HttpRequest, signal: AbortSignal): Promise<HttpResponse> {
    const attempts = req.method === 'GET' ? Math.max(1, this.retry.attempts) : 1;
    for (let attempt = 1; ; attempt++) {
      let res: HttpResponse;
      try {
        res = await this.once(req, signal);
      } catch (caught) {
        const e = signal.aborted ? signal.reason : caught;
        const host = safeHost(req.baseUrl);
        const failure = transportFailure(e, req.method, req.service, host);
        this.logger.warn('http failure', { service: req.service, method: req.method, host, path: req.path, attempt, cause: failure.tag });
        if (!failure.retryable || attempt >= attempts) throw failure.error;
        await this.sleep(backoffMs(attempt, this.retry, this.random));
        continue;
      }
      if (attempt >= attempts) return res;
      if (RETRYABLE_STATUSES.has(res.status)) {
        // An outage that says when to come back (Kernle's 503 + Retry-After: 60) is not hammered.
        const after = parseRetryAfter(res.headers['retry-after'], this.clock);
        if (after != null && after * 1000 > this.retry.maxRetryAfterMs) return res;
        await this.sleep(backoffMs(attempt, this.retry, this.random));
        continue;
      }
      if (res.status === 429 && req.retryOn429 !== false) {
        const after = parseRetryAfter(res.headers['retry-after'], this.clock);
        const waitMs = after != null ? after * 1000 : backoffMs(attempt, this.retry, this.random);
        // A long wait is the user's decision, not something to hide behind a spinner.
        if (waitMs > this.retry.maxRetryAfterMs) return res;
        await this.sleep(waitMs);
        continue;
      }
      return res;
    }
  }

  /** Seconds the service asked us to wait, for error messages. */
  retryAfterSeconds(res: HttpResponse): number | null {
    return parseRetryAfter(res.headers['retry-after'], this.clock);
  }

  async close(): Promise<void> {
    // Never sent anything: there is no pool to close, and no reason to load undici now.
    if (!this.transport) return;
    const { dispatcher, owned } = await this.transport;
    if (owned) await dispatcher.close();
  }

  private async once(req: HttpRequest, signal: AbortSignal): Promise<HttpResponse> {
    let url = buildUrl(req.baseUrl, req.path, req.query);
    const origin = url.origin;
    const { request, dispatcher } = await this.loadTransport();
    for (let hop = 0; ; hop++) {
      assertSafeTarget(url, req.service);
      const started = Date.now();
      const headers: Record<string, string> = {
        accept: 'application/json',
        'user-agent': 'Keydeck',
        ...req.headers,
        authorization: `Bearer ${req.token}`,
      };
      let body: string | undefined;
      if (req.body !== undefined) {
        body = JSON.stringify(req.body);
        headers['content-type'] = 'application/json';
      }
      const r = await request(url, {
        dispatcher,
        method: req.method,
        headers,
        body,
        headersTimeout: this.timeouts.headersMs,
        bodyTimeout: this.timeouts.bodyMs,
        signal,
      });
      const flat = flattenHeaders(r.headers);
      if (r.statusCode >= 300 && r.statusCode < 400 && flat.location) {
        await r.body.dump().catch(() => undefined);
        const next = new URL(flat.location, url);
        // Following a redirect elsewhere would hand the token to whoever the Location names.
        if (next.origin !== origin || req.method !== 'GET' || hop >= MAX_REDIRECTS) {
          throw new ProviderError(
            'redirect_blocked',
            `${req.service} redirected the request to ${next.host}${next.origin === origin ? '' : ', another host'}. Keydeck did not follow it with your token; if the service moved, update the workspace's base URL.`,
            { status: r.statusCode },
          );
        }
        url = next;
        continue;
      }
      const text = await readLimited(r.body, flat['content-length'], this.maxResponseBytes, req.service, req.budget);
      this.logger.info('http', { service: req.service, method: req.method, host: url.host, path: url.pathname, status: r.statusCode, ms: Date.now() - started });
      return { status: r.statusCode, headers: flat, body: parseJsonLenient(text), token: req.token, service: req.service, method: req.method };
    }
  }
}

interface Transport {
  request: typeof import('undici').request;
  dispatcher: Dispatcher;
  owned: boolean;
}

function flattenHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function safeHost(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return 'the configured address';
  }
}
