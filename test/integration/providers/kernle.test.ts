import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { KernleClient, KernleShapeCache } from '../../../electron/core/providers';
import { KernleImitation, type KernleShape } from '../../imitations';
import { expectNoSecret, failure, testHttp } from '../../helpers/providers/http';

const { http, sleeps } = testHttp();
let server: KernleImitation;
afterEach(() => server?.stop());
afterAll(() => http.close());

async function setup(shape: KernleShape, opts: { quota?: number; errorStyleA?: 'string' | 'object' } = {}) {
  server = new KernleImitation({ shape, ...opts });
  const url = await server.start();
  const user = server.addUser('me@example.com');
  const admin = server.seedKey(user, 'keydeck');
  const shapes = new KernleShapeCache();
  const client = (token = admin.secret) => new KernleClient(http, { baseUrl: url, token, workspaceKey: 'ws-1' }, shapes);
  return { url, user, admin, shapes, client };
}

describe.each(['A', 'B'] as const)('Kernle client, shape %s', (shape) => {
  it('lists keys, inactive ones included, with the prefix as the masked form', async () => {
    const { user, client } = await setup(shape);
    server.seedKey(user, 'retired', { active: false });
    const keys = await client().list();
    expect(keys.map((k) => k.name).sort()).toEqual(['keydeck', 'retired']);
    const retired = keys.find((k) => k.name === 'retired')!;
    expect(retired.active).toBe(false);
    expect(keys.every((k) => k.expiresAt === null)).toBe(true);
    expect(keys[0]!.masked).toMatch(shape === 'B' ? /^knl_sk_[0-9a-f]{5}…$/ : /^sk-.{9}…$/);
  });

  it('learns the shape once per workspace, from the first answer, without extra calls', async () => {
    const { shapes, client } = await setup(shape);
    expect(shapes.get('ws-1')).toBeUndefined();
    await client().list();
    expect(shapes.get('ws-1')).toBe(shape);
    expect(server.getStats().requests).toBe(1);
  });

  it('creates a key whose plaintext is returned once and works at once', async () => {
    const { client } = await setup(shape);
    const made = await client().create({ name: 'ci' });
    if (shape === 'B') expect(made.secret).toMatch(/^knl_sk_[0-9a-f]{32}$/);
    else expect(made.secret).toMatch(/^sk-/);
    expect(made.key.masked.startsWith(made.secret.slice(0, 12))).toBe(true);
    expect(JSON.stringify(await client().list())).not.toContain(made.secret);
    await expect(client(made.secret).list()).resolves.toHaveLength(2);
  });

  it('rejects a name over 64 characters with invalid_request', async () => {
    const { client } = await setup(shape);
    const e = await failure(() => client().create({ name: 'x'.repeat(65) }));
    expect(e.code).toBe('invalid_request');
    expect(e.message).toMatch(/64/);
  });

  it('revokes a key: A keeps it inactive, B deletes it for good', async () => {
    const { user, client } = await setup(shape);
    const victim = server.seedKey(user, 'victim');
    await client().revoke(victim.record.id);
    if (shape === 'A') expect(server.keys.get(victim.record.id)?.is_active).toBe(false);
    else expect(server.keys.has(victim.record.id)).toBe(false);
    expect((await failure(() => client(victim.secret).list())).code).toBe('auth_failed');
    const e = await failure(() => client().revoke(victim.record.id));
    expect(e.code).toBe('not_found');
  });

  it('cycles atomically: new key works, old key stops at once, no grace', async () => {
    const { user, client } = await setup(shape);
    const old = server.seedKey(user, 'worker');
    const r = await client().rotate(old.record.id);
    expect(r).toMatchObject({ method: 'cycle', oldRemoteId: old.record.id, oldValidUntil: null });
    expect(r.created.secret).not.toBe(old.secret);
    if (shape === 'B') expect(r.created.key.name).toBe('worker');
    expect((await failure(() => client(old.secret).list())).code).toBe('auth_failed');
    await expect(client(r.created.secret).list()).resolves.toBeDefined();
    // Cycling an inactive key is refused.
    const again = await failure(() => client().rotate(old.record.id));
    expect(again.code).toBe('invalid_request');
  });

  it('whoami uses the endpoint of the workspace shape', async () => {
    const { client } = await setup(shape);
    const c = client();
    await c.list();
    const before = server.getStats().requests;
    const me = await c.whoami();
    expect(me.label).toContain(shape === 'A' ? 'me@example.com' : '');
    expect(me.userId).toBeTruthy();
    expect(server.getStats().requests - before).toBe(1);
    expect(server.getStats().byRoute[shape === 'A' ? 'GET /auth/status' : 'GET /auth/me']).toBe(1);
  });

  it('answers auth_failed for an unknown key, with no token in the message', async () => {
    const { client } = await setup(shape);
    const bad = shape === 'B' ? 'knl_sk_00000000000000000000000000000000' : 'sk-not-a-real-key-at-all';
    const e = await failure(() => client(bad).list());
    expect(e.code).toBe('auth_failed');
    expectNoSecret(e.message, [bad]);
  });

  it('honours 429 with Retry-After: reported, never retried (every call costs quota)', async () => {
    const { client } = await setup(shape, { quota: 1 });
    await client().list();
    sleeps.length = 0;
    const e = await failure(() => client().list());
    expect(e.code).toBe('rate_limited');
    expect(e.extra?.retryAfterSeconds).toBe(3600);
    expect(e.message).toContain('3600');
    expect(sleeps).toEqual([]);
    expect(server.usage).toBe(2);
  });
});

describe('Kernle shape details', () => {
  it('B answers 401 with WWW-Authenticate: Bearer and a FastAPI detail', async () => {
    const { url } = await setup('B');
    const res = await fetch(`${url}/auth/keys`, { headers: { authorization: 'Bearer nope' } });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(await res.json()).toEqual({ detail: 'Invalid or revoked API key' });
  });

  it('A error bodies are accepted as a string or as an object', async () => {
    for (const style of ['string', 'object'] as const) {
      const { client } = await setup('A', { errorStyleA: style });
      const e = await failure(() => client().revoke('key_missing'));
      expect(e.code).toBe('not_found');
      expect(e.message).toContain('API key not found');
      await server.stop();
    }
  });

  it('whoami on an unknown workspace tries B then A, and remembers', async () => {
    const { client, shapes } = await setup('A');
    const me = await client().whoami();
    expect(me.label).toBe('me@example.com');
    expect(shapes.get('ws-1')).toBe('A');
  });

  it('re-learns the shape when the service is upgraded from A to B', async () => {
    const { client, shapes } = await setup('A');
    await client().list();
    expect(shapes.get('ws-1')).toBe('A');
    server.shape = 'B';
    await client().list();
    expect(shapes.get('ws-1')).toBe('B');
  });

  it('B login takes the key as Bearer; A takes it in the body', async () => {
    const b = await setup('B');
    const rb = await fetch(`${b.url}/auth/login`, { method: 'POST', headers: { authorization: `Bearer ${b.admin.secret}` } });
    expect(Object.keys(await rb.json())).toEqual(['user_id', 'token', 'token_expires']);
    await server.stop();
    const a = await setup('A');
    const ra = await fetch(`${a.url}/auth/login`, { method: 'POST', body: JSON.stringify({ api_key: a.admin.secret }) });
    const body = (await ra.json()) as { success: boolean; data: Record<string, unknown> };
    expect(body.success).toBe(true);
    expect(Object.keys(body.data)).toEqual(['user_id', 'token', 'expires_at']);
  });
});
