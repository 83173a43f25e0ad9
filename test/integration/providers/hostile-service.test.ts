import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KernelClient, KernleClient, KernleShapeCache } from '../../../electron/core/providers';
import { LIST_BUDGET_BYTES } from '../../../electron/core/providers/kernel-sh/client';
import { ImitationServer, KernelImitation } from '../../imitations';
import { expectNoSecret, failure, testHttp } from '../../helpers/providers/http';

/** Settles within `ms` or fails the test: a hang must show as a failure, not as a stuck suite. */
async function within<T>(ms: number, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still pending after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([p, limit]);
  } finally {
    clearTimeout(timer);
  }
}

const keyObject = (i: number, name = `k${i}`) => ({ id: `key_${String(i).padStart(6, '0')}`, name, masked_key: 'sk_...abcd', project_id: null, created_at: '2026-01-01T00:00:00Z', expires_at: null, deleted_at: null });
const kernelError = (status: number, message: string) => ({ status, body: { code: 'x', message } });

let kernel: KernelImitation;
let admin: string;
beforeAll(async () => {
  kernel = new KernelImitation();
  await kernel.start();
  admin = kernel.seedKey({ name: 'admin' }).secret;
});
afterAll(() => kernel.stop());

describe('finding 2: a token with an invisible character', () => {
  it('finding 2: fails fast with invalid_request, is not retried, leaks no connection, and a correct call still answers', async () => {
    // Two sockets per origin: on main, two undici rejections leaked both and every later call hung.
    const { http, sleeps } = testHttp({ connectionsPerOrigin: 2, timeouts: { deadlineMs: 5_000 } });
    const bad = `${admin.slice(0, 10)}\u200b${admin.slice(10)}`;
    for (let i = 0; i < 4; i++) {
      const e = await within(2_000, failure(() => new KernelClient(http, { baseUrl: kernel.url, token: bad, workspaceKey: 'w' }).verify()));
      expect(e.code).toBe('invalid_request');
      expect(e.message).toMatch(/zero-width character at position 11/);
      expect(e.message).toContain('Nothing was sent');
      expectNoSecret(e.message, [bad, admin]);
    }
    expect(sleeps).toEqual([]); // never retried
    kernel.resetStats();
    const ok = await within(3_000, new KernelClient(http, { baseUrl: kernel.url, token: admin, workspaceKey: 'w' }).verify());
    expect(ok.label).toContain('127.0.0.1');
    expect(kernel.getStats().requests).toBe(1);
    await http.close();
  });

  it('finding 2: a project id header with an invisible character is refused before sending', async () => {
    const { http } = testHttp();
    const e = await within(2_000, failure(() => new KernelClient(http, { baseUrl: kernel.url, token: admin, workspaceKey: 'w', projectId: 'proj\u200b' }).verify()));
    expect(e.code).toBe('invalid_request');
    expect(e.message).toMatch(/x-kernel-project-id header/);
    await http.close();
  });
});

describe('finding 8: a hostile service cannot stall or bloat Keydeck', () => {
  it('finding 8: a body dripping one byte at a time is cut at the overall deadline', async () => {
    // Every gap (150 ms) is inside the per-read body timeout (400 ms): only the deadline can end it.
    const { http } = testHttp({ timeouts: { deadlineMs: 1_200 } });
    kernel.setFault('GET /org/api_keys', { kind: 'drip', intervalMs: 150 });
    const started = Date.now();
    const e = await within(4_000, failure(() => new KernelClient(http, { baseUrl: kernel.url, token: admin, workspaceKey: 'w' }).list()));
    kernel.clearFaults();
    expect(e.code).toBe('timeout');
    expect(e.message).toMatch(/took longer than 1 s to answer in full/);
    expect(Date.now() - started).toBeLessThan(3_000);
    await http.close();
  });

  it('finding 8: endless large pages stop at the per-operation byte budget with a clear error', async () => {
    let served = 0;
    // Each page just under the per-answer cap, always "more to come".
    const pad = 'x'.repeat(200 * 1024);
    const flood = new ImitationServer('flood', [
      {
        method: 'GET',
        path: '/org/api_keys',
        handler: (ctx) => {
          served++;
          const offset = Number(ctx.query.get('offset') ?? 0);
          return { status: 200, body: [keyObject(offset, `n${pad}`)], headers: { 'x-has-more': served < 40 ? 'true' : 'false', 'x-next-offset': String(offset + 1) } };
        },
      },
    ], kernelError);
    const base = await flood.start();
    const { http } = testHttp();
    const c = new KernelClient(http, { baseUrl: base, token: admin, workspaceKey: 'w' }, { maxListBytes: 1024 * 1024 });
    const e = await failure(() => c.list());
    expect(e.code).toBe('response_too_large');
    expect(e.message).toMatch(/key list passed 1 MiB in total/);
    expect(served).toBeLessThanOrEqual(6);
    expect(LIST_BUDGET_BYTES).toBe(50 * 1024 * 1024);
    await flood.stop();
    await http.close();
  });

  it('finding 8: a list with more keys than any organisation has stops', async () => {
    const many = new ImitationServer('many', [
      { method: 'GET', path: '/org/api_keys', handler: (ctx) => {
        const offset = Number(ctx.query.get('offset') ?? 0);
        return { status: 200, body: Array.from({ length: 50 }, (_, i) => keyObject(offset + i)), headers: { 'x-has-more': 'true', 'x-next-offset': String(offset + 50) } };
      } },
    ], kernelError);
    const base = await many.start();
    const { http } = testHttp();
    const e = await failure(() => new KernelClient(http, { baseUrl: base, token: admin, workspaceKey: 'w' }, { maxListedKeys: 120 }).list());
    expect(e.code).toBe('response_too_large');
    expect(e.message).toMatch(/more than 120 keys/);
    await many.stop();
    await http.close();
  });

  it('finding 8: a 100,000-character key name is stored cut to 255 characters', async () => {
    const long = new ImitationServer('long', [
      { method: 'GET', path: '/org/api_keys', handler: () => ({ status: 200, body: [keyObject(1, 'n'.repeat(100_000))], headers: { 'x-has-more': 'false' } }) },
    ], kernelError);
    const base = await long.start();
    const { http } = testHttp();
    const [key] = await new KernelClient(http, { baseUrl: base, token: admin, workspaceKey: 'w' }).list();
    expect(key!.name).toHaveLength(255);
    expect(key!.name.endsWith('…')).toBe(true);
    await long.stop();
    await http.close();
  });
});

describe('finding 1: a secret from a provider answer is held to the paste rules', () => {
  it.each([
    ['a command substitution', 'sk_live_abc$(touch /tmp/PWNED)', /quote, shell or punctuation character .* at position 12/],
    ['an escape sequence', 'sk_live_\u001b]52;c;aGVsbG8=\u0007', /control character \(U\+001B\) at position 9/],
    ['a newline', 'sk_live_abc\nEVIL=1', /control character \(U\+000A\) at position 12/],
    ['a lone surrogate', 'sk_live_\ud800abc', /broken character .* at position 9/],
  ])('finding 1: Kernel create answering with %s is refused, never returned', async (_what, secret, why) => {
    const evil = new ImitationServer('evil', [
      { method: 'POST', path: '/org/api_keys', handler: () => ({ status: 200, body: { ...keyObject(9), key: secret } }) },
    ], kernelError);
    const base = await evil.start();
    const { http } = testHttp();
    const e = await failure(() => new KernelClient(http, { baseUrl: base, token: admin, workspaceKey: 'w' }).create({ name: 'x' }));
    expect(e.code).toBe('malformed_response');
    expect(e.message).toMatch(why);
    expect(e.message).toContain('did not store or write it');
    expectNoSecret(e.message, [secret, secret.slice(0, 12)]);
    await evil.stop();
    await http.close();
  });

  it('finding 1: a Kernle cycle answering with a shell payload is refused', async () => {
    const evil = new ImitationServer('evil', [
      { method: 'POST', path: '/auth/keys/:id/cycle', handler: () => ({ status: 200, body: { old_key_id: 'a', new_key: { id: 'b', name: 'n', key: 'knl_sk_`id`', key_prefix: 'knl_sk_x', created_at: '2026-01-01T00:00:00Z' } } }) },
    ], (status, message) => ({ status, body: { detail: message } }));
    const base = await evil.start();
    const { http } = testHttp();
    const e = await failure(() => new KernleClient(http, { baseUrl: base, token: admin, workspaceKey: 'w' }, new KernleShapeCache()).rotate('a'));
    expect(e.code).toBe('malformed_response');
    expect(e.message).toMatch(/at position 8/);
    await evil.stop();
    await http.close();
  });
});

describe('finding 11: an error body echoing the token in an encoded form', () => {
  const token = 'sk_live_Zx9+/Qq7Wm2Rt5Yu8Io1Pa4Sd=';
  it.each([
    ['base64', (t: string) => Buffer.from(t).toString('base64')],
    ['base64url', (t: string) => Buffer.from(t).toString('base64url')],
    ['base64 inside an encoded JSON blob', (t: string) => Buffer.from(`{"auth":"Bearer ${t}","n":1}`).toString('base64')],
    ['base64 of a Basic credential', (t: string) => Buffer.from(`user:${t}`).toString('base64')],
    ['hex', (t: string) => Buffer.from(t).toString('hex')],
    ['upper-case hex', (t: string) => Buffer.from(t).toString('hex').toUpperCase()],
    ['URL encoding', (t: string) => encodeURIComponent(t)],
  ])('finding 11: %s is redacted from the message the user sees', async (_what, encode) => {
    const echoed = encode(token);
    const echo = new ImitationServer('echo', [
      { method: 'GET', path: '/org/api_keys', handler: () => ({ status: 400, body: { code: 'bad', message: `rejected credential ${echoed} for org` } }) },
    ], kernelError);
    const base = await echo.start();
    const { http } = testHttp();
    const e = await failure(() => new KernelClient(http, { baseUrl: base, token, workspaceKey: 'w' }).verify());
    expect(e.message).toContain('[redacted]');
    expect(e.message).toContain('rejected credential');
    expect(leaksToken(e.message, token)).toBe(false);
    expectNoSecret(e.message, [token]);
    await echo.stop();
    await http.close();
  });
});

/** Whether any 10 characters of the token can be read back from `text` by decoding what looks encoded. */
function leaksToken(text: string, token: string): boolean {
  const windows = Array.from({ length: token.length - 9 }, (_, i) => token.slice(i, i + 10));
  const decoded: string[] = [text];
  try {
    decoded.push(decodeURIComponent(text));
  } catch {
    // not URL-encoded
  }
  for (const run of text.match(/[A-Za-z0-9+/_=-]{8,}/g) ?? []) {
    if (/^[0-9a-f]+$/i.test(run)) decoded.push(Buffer.from(run.slice(0, run.length & ~1), 'hex').toString('latin1'), Buffer.from(run.slice(1, 1 + ((run.length - 1) & ~1)), 'hex').toString('latin1'));
    for (let k = 0; k < 4; k++) decoded.push(Buffer.from(run.slice(k).replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('latin1'));
  }
  return decoded.some((d) => windows.some((w) => d.includes(w)));
}
