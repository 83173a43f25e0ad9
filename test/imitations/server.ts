import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FaultSpec, ImitationStats, Reply, Route, RouteContext } from './types';

export interface ImitationOptions {
  /** Artificial latency added before every answer (the benchmark sets it). */
  latencyMs?: number;
  /** The imitation's idea of now: tests move it instead of waiting. */
  now?: () => Date;
}

interface ArmedFault extends FaultSpec {
  remaining: number;
}

/**
 * The plumbing every imitation shares: routing, JSON bodies, latency, fault switches and the
 * counters the benchmark reads. The service-specific behaviour lives in each imitation's routes.
 */
export class ImitationServer {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private readonly faults = new Map<string, ArmedFault>();
  private stats: ImitationStats = emptyStats();
  private inFlight = 0;
  latencyMs: number;
  now: () => Date;
  url = '';

  constructor(
    readonly name: string,
    private readonly routes: Route[],
    /** The service's own error body, used for injected 5xx and 429 answers too. */
    private readonly errorReply: (status: number, message: string) => Reply,
    opts: ImitationOptions = {},
  ) {
    this.latencyMs = opts.latencyMs ?? 0;
    this.now = opts.now ?? (() => new Date());
  }

  /** Starts on 127.0.0.1 with an ephemeral port; resolves the origin (`http://127.0.0.1:PORT`). */
  async start(): Promise<string> {
    const server = createServer((req, res) => void this.handle(req, res));
    server.keepAliveTimeout = 5_000;
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      this.stats.peakConnections = Math.max(this.stats.peakConnections, this.sockets.size);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const addr = server.address();
    if (!addr || typeof addr === 'string') throw new Error('imitation: no address');
    this.server = server;
    this.url = `http://127.0.0.1:${addr.port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /**
   * Arms a fault on one route (`"GET /org/api_keys"`, as the route table spells it) or on every
   * route (`"*"`), for `times` requests (default: until cleared).
   */
  setFault(route: string, fault: FaultSpec): void {
    this.faults.set(route, { ...fault, remaining: fault.times ?? Number.POSITIVE_INFINITY });
  }

  clearFaults(): void {
    this.faults.clear();
  }

  getStats(): ImitationStats {
    return { ...this.stats, byRoute: { ...this.stats.byRoute }, inFlight: this.inFlight, openConnections: this.sockets.size };
  }

  /** Starts counting afresh; connections already open count towards the new peak. */
  resetStats(): void {
    this.stats = { ...emptyStats(), peakInFlight: this.inFlight, peakConnections: this.sockets.size };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.inFlight++;
    this.stats.requests++;
    this.stats.peakInFlight = Math.max(this.stats.peakInFlight, this.inFlight);
    let done = false;
    const finish = () => {
      if (!done) {
        done = true;
        this.inFlight--;
      }
    };
    res.on('close', finish);
    try {
      const raw = await readBody(req);
      if (this.latencyMs > 0) await delay(this.latencyMs);
      const url = new URL(req.url ?? '/', 'http://imitation');
      const match = this.match(req.method ?? 'GET', url.pathname);
      if (!match) return send(res, this.errorReply(404, 'Not Found'));
      const key = `${match.route.method} ${match.route.path}`;
      this.stats.byRoute[key] = (this.stats.byRoute[key] ?? 0) + 1;
      const fault = this.takeFault(key);
      const ctx: RouteContext = {
        method: match.route.method,
        path: url.pathname,
        params: match.params,
        query: url.searchParams,
        headers: req.headers,
        token: bearer(req.headers.authorization),
        rawBody: raw,
        now: this.now(),
      };
      if (fault) return await this.applyFault(fault, ctx, match.route, res);
      send(res, await match.route.handler(ctx));
    } catch {
      if (!res.headersSent) send(res, this.errorReply(500, 'imitation crashed'));
    }
  }

  private async applyFault(fault: FaultSpec, ctx: RouteContext, route: Route, res: ServerResponse): Promise<void> {
    switch (fault.kind) {
      case 'status':
        return send(res, this.errorReply(fault.status ?? 503, 'Service temporarily unavailable'));
      case 'rate-limit': {
        const reply = this.errorReply(429, 'Too many requests');
        return send(res, { ...reply, headers: { ...reply.headers, 'retry-after': String(fault.retryAfterSeconds ?? 1) } });
      }
      case 'slow':
        // Held until the delay passes or the client gives up, whichever is first.
        await Promise.race([delay(fault.delayMs ?? 5_000), new Promise((r) => res.once('close', r))]);
        if (!res.destroyed) send(res, await route.handler(ctx));
        return;
      case 'reset':
        res.socket?.destroy();
        return;
      case 'lost':
        // The change is applied, then the answer never arrives: the worst case for a client.
        await route.handler(ctx);
        res.socket?.destroy();
        return;
      case 'malformed':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"id": "key_01", "name": ');
        return;
      case 'drip': {
        // Headers at once, then one byte per interval, forever: only an overall deadline ends it.
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('[');
        const closed = new Promise((r) => res.once('close', r));
        while (!res.destroyed) {
          await Promise.race([delay(fault.intervalMs ?? 5_000), closed]);
          if (!res.destroyed) res.write(' ');
        }
        return;
      }
      case 'oversized': {
        const bytes = fault.bytes ?? 4 * 1024 * 1024;
        res.writeHead(200, { 'content-type': 'application/json' });
        // Chunked, without Content-Length, so the client must cut it off while streaming.
        const chunk = `"${'x'.repeat(64 * 1024 - 3)}",`;
        res.write('[');
        for (let sent = 0; sent < bytes && !res.destroyed; sent += chunk.length) {
          if (!res.write(chunk)) await drainedOrClosed(res);
        }
        if (!res.destroyed) res.end('""]');
        return;
      }
    }
  }

  private takeFault(key: string): FaultSpec | null {
    for (const k of [key, '*']) {
      const f = this.faults.get(k);
      if (f && f.remaining > 0) {
        f.remaining--;
        return f;
      }
    }
    return null;
  }

  private match(method: string, pathname: string): { route: Route; params: Record<string, string> } | null {
    const parts = pathname.replace(/\/+$/, '').split('/');
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const pattern = route.path.split('/');
      if (pattern.length !== parts.length) continue;
      const params: Record<string, string> = {};
      if (pattern.every((p, i) => (p.startsWith(':') ? ((params[p.slice(1)] = decodeURIComponent(parts[i] ?? '')), true) : p === parts[i]))) {
        return { route, params };
      }
    }
    return null;
  }
}

function emptyStats(): ImitationStats {
  return { requests: 0, peakInFlight: 0, peakConnections: 0, inFlight: 0, openConnections: 0, byRoute: {} };
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.destroyed) return;
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.text !== undefined) {
    res.writeHead(reply.status, { 'content-type': 'text/html; charset=utf-8', ...headers });
    res.end(reply.text);
    return;
  }
  if (reply.body === undefined) {
    res.writeHead(reply.status, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

function bearer(header: string | undefined): string | null {
  const m = /^Bearer (.+)$/.exec(header ?? '');
  return m?.[1] ?? null;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

/** JSON of a request body, or `undefined` when there is none, or a marker when it is not JSON. */
export function jsonBody(ctx: RouteContext): { ok: true; value: unknown } | { ok: false } {
  if (ctx.rawBody.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(ctx.rawBody) };
  } catch {
    return { ok: false };
  }
}

/** Until the response can take more, or is gone; either way both listeners go (a long stream would pile them up). */
function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done).off('close', done);
      resolve();
    };
    res.once('drain', done).once('close', done);
  });
}
