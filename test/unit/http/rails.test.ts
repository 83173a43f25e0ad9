import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { ProviderError, parseRetryAfter, scrubText, statusError } from '../../../electron/core/http';
import { backoffMs, DEFAULT_RETRY } from '../../../electron/core/http/retry';
import { buildUrl } from '../../../electron/core/http/url';
import { failure, testHttp } from '../../helpers/providers/http';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function serve(host: string, handler: Parameters<typeof createServer>[1]): Promise<{ url: string; hits: Array<{ path: string; auth: string | undefined }> }> {
  const hits: Array<{ path: string; auth: string | undefined }> = [];
  const server = createServer((req, res) => {
    hits.push({ path: req.url ?? '', auth: req.headers.authorization });
    handler!(req, res);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, host, r));
  const addr = server.address() as { port: number };
  return { url: `http://${host === '::1' ? '[::1]' : host}:${addr.port}`, hits };
}

const TOKEN = 'sk_live_secret_token_value_1234';
const req = (baseUrl: string, path = '/x', method: 'GET' | 'POST' = 'GET') => ({ method, baseUrl, path, token: TOKEN, service: 'Test' }) as const;

describe('HTTP safety rails', () => {
  it('refuses plain http to a non-loopback host before connecting', async () => {
    const { http } = testHttp();
    const e = await failure(() => http.send(req('http://api.example.com')));
    expect(e.code).toBe('insecure_url');
    expect(e.message).not.toContain(TOKEN);
  });

  it('follows a same-origin redirect on GET, with the token', async () => {
    const { http } = testHttp();
    const s = await serve('127.0.0.1', (r, res) => {
      if (r.url === '/old') res.writeHead(302, { location: '/new' }).end();
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    const res = await http.send(req(s.url, '/old'));
    expect(res.body).toEqual({ ok: true });
    expect(s.hits.map((h) => h.path)).toEqual(['/old', '/new']);
  });

  it('never carries Authorization to another origin on a redirect', async () => {
    const { http } = testHttp();
    const other = await serve('127.0.0.1', (_r, res) => res.writeHead(200).end('{}'));
    const otherOrigin = other.url.replace('127.0.0.1', 'localhost');
    const s = await serve('127.0.0.1', (_r, res) => res.writeHead(307, { location: `${otherOrigin}/steal` }).end());
    const e = await failure(() => http.send(req(s.url)));
    expect(e.code).toBe('redirect_blocked');
    expect(other.hits).toEqual([]);
    expect(e.message).toContain('localhost');
  });

  it('does not follow a redirect on a POST, even same-origin', async () => {
    const { http } = testHttp();
    const s = await serve('127.0.0.1', (_r, res) => res.writeHead(307, { location: '/elsewhere' }).end());
    expect((await failure(() => http.send(req(s.url, '/x', 'POST')))).code).toBe('redirect_blocked');
    expect(s.hits).toHaveLength(1);
  });

  it('cuts off a body larger than the limit even with a truthful Content-Length', async () => {
    const { http } = testHttp({ maxResponseBytes: 1024 });
    const s = await serve('127.0.0.1', (_r, res) => res.writeHead(200, { 'content-length': '5000' }).end('x'.repeat(5000)));
    expect((await failure(() => http.send(req(s.url)))).code).toBe('response_too_large');
  });

  it('returns an empty body as null and a non-JSON body as undefined, leaving the decision to the caller', async () => {
    const { http } = testHttp();
    const s = await serve('127.0.0.1', (r, res) => (r.url === '/empty' ? res.writeHead(204).end() : res.writeHead(502).end('<html>bad gateway</html>')));
    expect((await http.send(req(s.url, '/empty'))).body).toBeNull();
    const { http: once } = testHttp({ retry: { attempts: 1 } });
    expect((await once.send(req(s.url, '/html'))).body).toBeUndefined();
  });

  it('a refused connection is `network` and says nothing was sent', async () => {
    const { http } = testHttp({ retry: { attempts: 1 } });
    const s = await serve('127.0.0.1', () => {});
    const url = s.url;
    await new Promise((r) => servers.pop()!.close(r));
    const e = await failure(() => http.send(req(url, '/x', 'POST')));
    expect(e.code).toBe('network');
    expect((e as unknown as ProviderError).ambiguous).toBe(false);
  });
});

describe('logging', () => {
  it('logs method, host, path and status or cause, and never the token or the query', async () => {
    const lines: string[] = [];
    const logger = { info: (m: string, f?: object) => lines.push(m + JSON.stringify(f)), warn: (m: string, f?: object) => lines.push(m + JSON.stringify(f)), error: () => {} };
    const { http } = testHttp({ logger, retry: { attempts: 2 } });
    const s = await serve('127.0.0.1', (r, res) => (r.url?.startsWith('/ok') ? res.writeHead(200).end('{}') : r.socket.destroy()));
    await http.send({ ...req(s.url, '/ok'), query: { name: TOKEN } });
    await failure(() => http.send(req(s.url, '/reset')));
    expect(lines.length).toBe(3);
    expect(lines.join('\n')).toContain('/reset');
    for (const line of lines) expect(line).not.toContain(TOKEN);
  });
});

describe('retry timing', () => {
  const clock = { now: () => new Date('2026-11-23T12:00:00Z') };
  it('parses Retry-After as seconds or as an HTTP date; ignores garbage', () => {
    expect(parseRetryAfter('120', clock)).toBe(120);
    expect(parseRetryAfter('Mon, 23 Nov 2026 12:01:30 GMT', clock)).toBe(90);
    expect(parseRetryAfter('soon', clock)).toBeNull();
    expect(parseRetryAfter(undefined, clock)).toBeNull();
  });

  it('backs off exponentially with bounded jitter and a ceiling', () => {
    expect(backoffMs(1, DEFAULT_RETRY, () => 0)).toBe(150);
    expect(backoffMs(1, DEFAULT_RETRY, () => 1)).toBe(300);
    expect(backoffMs(3, DEFAULT_RETRY, () => 1)).toBe(1200);
    expect(backoffMs(20, DEFAULT_RETRY, () => 1)).toBe(DEFAULT_RETRY.maxDelayMs);
  });
});

describe('messages', () => {
  it('scrubs the token and anything shaped like one from what a service echoes', () => {
    const text = scrubText(`invalid key ${TOKEN} (also knl_sk_0123456789abcdef0123456789abcdef)`, TOKEN);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('knl_sk_0123');
    expect(text).toContain('[redacted]');
  });

  it.each([
    [400, 'invalid_request'], [401, 'auth_failed'], [403, 'forbidden'], [404, 'not_found'], [405, 'unsupported'],
    [409, 'conflict'], [422, 'invalid_request'], [429, 'rate_limited'], [500, 'provider_unavailable'], [503, 'provider_unavailable'],
  ])('HTTP %i maps to %s, and the echoed detail never carries the token', (status, code) => {
    const e = statusError({ status, service: 'Test', token: TOKEN }, { detail: `bad token ${TOKEN}` });
    expect(e.code).toBe(code);
    expect(e.message).not.toContain(TOKEN);
    expect(e.message.length).toBeGreaterThan(20);
  });

  it('builds URLs under the base path', () => {
    expect(buildUrl('https://kernel.asimov.com/api/v1', '/me').href).toBe('https://kernel.asimov.com/api/v1/me');
    expect(buildUrl('https://h/', 'org/api_keys', { limit: 2, name: undefined, q: 'a b' }).href).toBe('https://h/org/api_keys?limit=2&q=a+b');
  });
});
