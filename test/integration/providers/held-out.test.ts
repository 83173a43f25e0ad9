import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { KernelClient, KernleClient, KernleShapeCache, KinesisClient } from '../../../electron/core/providers';
import { WorkspaceMemory } from '../../../electron/core/providers/spec';
import { KernelImitation, KernleImitation, KinesisImitation, type KernleImitationOptions } from '../../imitations';
import { addDays } from '../../imitations/ids';
import { expectNoSecret, failure, testHttp } from '../../helpers/providers/http';

/**
 * The behaviours a black-box check against servers written from the services' own code found
 * (issue 12), each switched on in the imitation, and what Keydeck makes of it.
 */
const { http, sleeps } = testHttp();
const servers: Array<{ stop(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
  sleeps.length = 0;
});
afterAll(() => http.close());

async function kernle(opts: KernleImitationOptions = {}) {
  const server = new KernleImitation({ shape: 'B', ...opts });
  servers.push(server);
  const url = await server.start();
  const user = server.addUser('me@example.com');
  const admin = server.seedKey(user, 'keydeck');
  const client = new KernleClient(http, { baseUrl: url, token: admin.secret, workspaceKey: 'ws-1' }, new KernleShapeCache());
  return { server, user, admin, client };
}

describe('Kernle as its backend code behaves', () => {
  it('a listed key_prefix that already ends in "..." is shown as the bare prefix and one ellipsis', async () => {
    const { server, client, admin } = await kernle({ listPrefixEllipsis: true, createStatus: 200 });
    const listed = (await client.list()).find((k) => k.name === 'keydeck')!;
    expect(listed.masked).toBe(`${admin.secret.slice(0, 12)}…`);
    expect(listed.masked).not.toMatch(/\.\.\.|\.…|……/);
    // Create answers the bare 12 characters: the two forms read alike.
    const created = await client.create({ name: 'ci' });
    const relisted = (await client.list()).find((k) => k.remoteId === created.key.remoteId)!;
    expect(relisted.masked).toBe(created.key.masked);
    expect(server.keys.size).toBe(2);
  });

  it('accepts 200 (not 201) on create and on cycle', async () => {
    const { server, client, user } = await kernle({ createStatus: 200 });
    const created = await client.create({ name: 'deploy' });
    expect(created.secret).toMatch(/^knl_sk_[0-9a-f]{32}$/);
    const old = server.seedKey(user, 'bot');
    const cycled = await client.rotate(old.record.id);
    expect(cycled.created.secret).not.toBe(old.secret);
    expect(server.keys.get(old.record.id)!.is_active).toBe(false);
  });

  it('"not found" carries no kernel.sh project advice', async () => {
    const { client } = await kernle();
    const e = await failure(() => client.revoke('00000000-0000-4000-8000-000000000000'));
    expect(e.code).toBe('not_found');
    expect(e.message).toMatch(/Kernle found no key 00000000-/);
    expect(e.message).not.toMatch(/project/i);
  });

  it('the per-IP limit (429 {"error"} without Retry-After) is rate_limited with its one-minute window as the wait, sent once', async () => {
    const { server, client, admin } = await kernle({ perIpLimitPerMinute: 2 });
    await client.create({ name: 'a' });
    await client.create({ name: 'b' });
    const before = server.getStats().requests;
    const e = await failure(() => client.create({ name: 'c' }));
    expect(e.code).toBe('rate_limited');
    expect(e.extra?.retryAfterSeconds).toBe(60);
    expect(e.message).toMatch(/Rate limit exceeded: 2 per 1 minute.*Try again in 60 s/);
    expectNoSecret(e.message, [admin.secret]);
    // Not retried: one request reached the service, and no backoff was slept.
    expect(server.getStats().requests - before).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('a non-UUID key id (plain-text 500) is a clear invalid_request, not an outage', async () => {
    const { server, client } = await kernle({ plainText500OnBadId: true });
    const before = server.getStats().requests;
    const e = await failure(() => client.rotate('key_not-a-uuid'));
    expect(e.code).toBe('invalid_request');
    expect(e.message).toMatch(/key id "key_not-a-uuid" \(HTTP 500\): Kernle key ids are UUIDs/);
    expect(server.getStats().requests - before).toBe(1);
    const del = await failure(() => client.revoke('key_not-a-uuid'));
    expect(del.code).toBe('invalid_request');
  });

  it('a database outage (503, Retry-After: 60) is provider_unavailable with that wait, and is not retried at once', async () => {
    const { server, client } = await kernle();
    server.databaseDown = true;
    const before = server.getStats().requests;
    const e = await failure(() => client.list());
    expect(e.code).toBe('provider_unavailable');
    expect(e.extra?.retryAfterSeconds).toBe(60);
    expect(e.message).toMatch(/waits the 60 s it asked for/);
    expect(server.getStats().requests - before).toBe(1);
    expect(sleeps).toEqual([]);
  });
});

describe('kernel.sh paging when its maximum page size is not what Keydeck asks for', () => {
  async function kernel(opts: { clampLimit?: number; maxLimit?: number }, n: number) {
    const server = new KernelImitation(opts);
    servers.push(server);
    const url = await server.start();
    const admin = server.seedKey({ name: 'admin' });
    for (let i = 0; i < n; i++) server.seedKey({ name: `k${i}` });
    const memory = new WorkspaceMemory();
    const client = () => new KernelClient(http, { baseUrl: url, token: admin.secret, workspaceKey: 'w' }, { pageSize: 100, memory });
    return { server, client };
  }

  it('a service that clamps `limit` is paged by its own headers: no key is missed', async () => {
    const { server, client } = await kernel({ clampLimit: 20 }, 44);
    const keys = await client().list();
    expect(keys).toHaveLength(45);
    expect(new Set(keys.map((k) => k.remoteId)).size).toBe(45);
    expect(server.getStats().requests).toBe(3);
  });

  it('a 400 to limit=100 is answered by asking for the default page, remembered for the workspace', async () => {
    const { server, client } = await kernel({ maxLimit: 50 }, 44);
    expect(await client().list()).toHaveLength(45);
    // 400, then three pages of its default 20.
    expect(server.getStats().requests).toBe(4);
    expect(await client().list()).toHaveLength(45);
    // The next list asks for the default straight away.
    expect(server.getStats().requests).toBe(7);
  });
});

describe('Kinesis like its open predecessor', () => {
  async function kinesis() {
    const server = new KinesisImitation({ predecessor: true });
    servers.push(server);
    const url = await server.start();
    const root = server.addUser('root');
    const dev = server.addUser('dev', 'EDITOR');
    const window = { validFrom: addDays(new Date(), -1), validTo: addDays(new Date(), 30) };
    const rootPat = server.issuePat(root, { name: 'root', permissions: ['USER_FETCH', 'CONFIG_FETCH'], ...window });
    const devPat = server.issuePat(dev, { name: 'dev', permissions: ['USER_FETCH', 'CONFIG_FETCH'], ...window });
    const client = (token: string, verify: { path: string; expectStatus?: number } | null = null) => new KinesisClient(http, { baseUrl: url, token, workspaceKey: 'w', verify });
    return { server, root, rootPat, devPat, client };
  }

  it('"Failed decoding JWT" (body status 500) means the token is rejected, so a revocation can be confirmed', async () => {
    const { client } = await kinesis();
    const e = await failure(() => client('kpat_not-a-token', { path: '/config/fetch' }).verify());
    expect(e.code).toBe('auth_failed');
    expect(await client('kpat_not-a-token', { path: '/config/fetch' }).probe()).toEqual({ state: 'rejected' });
  });

  it('the verify call is the workspace\'s: `?uid=` for a ROOT token, another path for a non-ROOT one', async () => {
    const { root, rootPat, devPat, client } = await kinesis();
    expect((await client(rootPat.secret, { path: `/user/fetch?uid=${root}` }).verify()).label).toBe('root');
    // The non-ROOT token is refused on ?uid= (403: it lives, but may not read users)…
    expect((await failure(() => client(devPat.secret, { path: `/user/fetch?uid=${root}` }).verify())).code).toBe('forbidden');
    // …and verifies on the path its workspace configured instead.
    await expect(client(devPat.secret, { path: '/config/fetch', expectStatus: 200 }).verify()).resolves.toMatchObject({ userId: null });
  });
});
