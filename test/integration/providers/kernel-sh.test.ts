import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { KernelClient } from '../../../electron/core/providers';
import { ImitationServer, KernelImitation } from '../../imitations';
import { addDays } from '../../imitations/ids';
import { expectNoSecret, failure, testHttp } from '../../helpers/providers/http';

const { http } = testHttp();
let server: KernelImitation;
let admin: string;
let url: string;

async function fresh(opts: ConstructorParameters<typeof KernelImitation>[0] = {}) {
  await server?.stop();
  server = new KernelImitation(opts);
  url = await server.start();
  server.addProject('proj_web', 'web');
  server.addProject('proj_data', 'data');
  admin = server.seedKey({ name: 'admin' }).secret;
}
const client = (token = admin, extra: { projectId?: string; pageSize?: number } = {}) =>
  new KernelClient(http, { baseUrl: url, token, workspaceKey: 'w1', projectId: extra.projectId ?? null }, { pageSize: extra.pageSize ?? 100 });

beforeEach(() => fresh());
afterAll(async () => {
  await server.stop();
  await http.close();
});

describe('kernel.sh client against its imitation', () => {
  it('lists every key across pages using X-Has-More and X-Next-Offset, deleted keys included', async () => {
    for (let i = 0; i < 6; i++) server.seedKey({ name: `k${i}`, createdAt: addDays(new Date(), -10 + i) });
    server.seedKey({ name: 'gone', deleted: true });
    const keys = await client(admin, { pageSize: 3 }).list();
    expect(keys).toHaveLength(8);
    expect(server.getStats().byRoute['GET /org/api_keys']).toBe(3);
    expect(new Set(keys.map((k) => k.remoteId)).size).toBe(8);
    const gone = keys.find((k) => k.name === 'gone');
    expect(gone?.deletedAt).not.toBeNull();
    expect(gone?.active).toBe(false);
    expect(keys.every((k) => !JSON.stringify(k).includes('sk_') || k.masked.includes('...'))).toBe(true);
  });

  it('stops with malformed_response when X-Next-Offset does not advance, instead of looping', async () => {
    const stuck = new ImitationServer('stuck', [
      { method: 'GET', path: '/org/api_keys', handler: () => ({ status: 200, body: [], headers: { 'x-has-more': 'true', 'x-next-offset': '5' } }) },
    ], (status, message) => ({ status, body: { code: 'x', message } }));
    const base = await stuck.start();
    const c = new KernelClient(http, { baseUrl: base, token: admin, workspaceKey: 'w' });
    const e = await failure(() => c.list());
    expect(e.code).toBe('malformed_response');
    expect(stuck.getStats().requests).toBe(2);
    await stuck.stop();
  });

  it('creates a key: the plaintext comes back once, the list shows only the masked form', async () => {
    const c = client();
    const made = await c.create({ name: 'ci', expiresInDays: 30 });
    expect(made.secret).toMatch(/^sk_/);
    expect(made.key.masked).not.toContain(made.secret);
    expect(Date.parse(made.key.expiresAt ?? '') - Date.parse(made.key.createdAt ?? '')).toBe(30 * 86_400_000);
    const listed = await c.list();
    expect(JSON.stringify(listed)).not.toContain(made.secret);
    const never = await c.create({ name: 'forever', expiresInDays: null });
    expect(never.key.expiresAt).toBeNull();
    const scoped = await c.create({ name: 'web', projectId: 'proj_web' });
    expect(scoped.key.projectId).toBe('proj_web');
    expect(scoped.key.scopes).toEqual(['project:web']);
  });

  it('accepts 200 or 201 on create and 200 or 204 on delete', async () => {
    await fresh({ createStatus: 200, deleteStatus: 200 });
    const made = await client().create({ name: 'x' });
    await client().revoke(made.key.remoteId);
    expect(server.keys.get(made.key.remoteId)?.deleted_at).not.toBeNull();
  });

  it.each([
    [{ name: '' }, 'name is required'],
    [{ name: 'x', expiresInDays: 0 }, 'days_to_expire'],
    [{ name: 'x', expiresInDays: 3651 }, 'days_to_expire'],
    [{ name: 'x', projectId: '' }, 'project_id'],
    [{ name: 'x'.repeat(256) }, '255'],
  ])('rejects an invalid create %j with invalid_request', async (input, said) => {
    const e = await failure(() => client().create(input));
    expect(e.code).toBe('invalid_request');
    expect(e.message).toContain(said);
    expect(server.keys.size).toBe(1);
  });

  it('answers not_found for an unknown project', async () => {
    const e = await failure(() => client().create({ name: 'x', projectId: 'proj_nope' }));
    expect(e.code).toBe('not_found');
  });

  it('retrieves a key, and a deleted one only with include_deleted', async () => {
    const { record } = server.seedKey({ name: 'k' });
    const c = client();
    expect((await c.get(record.id)).name).toBe('k');
    await c.revoke(record.id);
    expect((await failure(() => c.get(record.id))).code).toBe('not_found');
    const deleted = await c.get(record.id, true);
    expect(deleted.deletedAt).not.toBeNull();
  });

  it('renames a key and rejects an empty name', async () => {
    const { record } = server.seedKey({ name: 'old' });
    expect((await client().rename(record.id, 'new')).name).toBe('new');
    expect((await failure(() => client().rename(record.id, ''))).code).toBe('invalid_request');
    expect((await failure(() => client().rename('key_missing', 'x'))).code).toBe('not_found');
  });

  it('soft-deletes: the key stays listed as deleted and its token stops working', async () => {
    const victim = server.seedKey({ name: 'victim' });
    await client().revoke(victim.record.id);
    expect(server.keys.get(victim.record.id)?.deleted_at).toBeTruthy();
    const e = await failure(() => client(victim.secret).list());
    expect(e.code).toBe('auth_failed');
    expectNoSecret(e.message, [victim.secret]);
    expect((await failure(() => client().revoke(victim.record.id))).code).toBe('not_found');
  });

  it.each([
    [400, 'invalid_request'],
    [403, 'forbidden'],
    [409, 'conflict'],
  ] as const)('maps a key deleting itself (%i) to %s', async (status, code) => {
    await fresh({ selfDeleteStatus: status });
    const self = server.keys.values().next().value!;
    const e = await failure(() => client().revoke(self.id));
    expect(e.code).toBe(code);
    expect(e.message).toContain('cannot delete itself');
  });

  describe('rotate', () => {
    it('issues a new key with the same name and project; the old one gets 7 days of grace by default', async () => {
      const old = server.seedKey({ name: 'svc', projectId: 'proj_web', expiresInDays: 90 });
      const r = await client().rotate(old.record.id);
      expect(r.method).toBe('rotate');
      expect(r.created.key.remoteId).not.toBe(old.record.id);
      expect(r.created.key).toMatchObject({ name: 'svc', projectId: 'proj_web' });
      expect(r.created.secret).not.toBe(old.secret);
      const oldNow = server.keys.get(old.record.id)!;
      const graceMs = Date.parse(oldNow.expires_at!) - Date.now();
      expect(graceMs).toBeGreaterThan(6.9 * 86_400_000);
      expect(graceMs).toBeLessThanOrEqual(7 * 86_400_000);
      // Absent days_to_expire: the old key's 90-day lifetime is reused.
      expect(Date.parse(r.created.key.expiresAt!) - Date.parse(r.created.key.createdAt!)).toBe(90 * 86_400_000);
      // The old key still works during its grace.
      await expect(client(old.secret).list()).resolves.toBeDefined();
    });

    it('with expire_in_days 0 the old key stops at once', async () => {
      const old = server.seedKey({ name: 'svc' });
      await client().rotate(old.record.id, { graceDays: 0, expiresInDays: 10 });
      expect((await failure(() => client(old.secret).list())).code).toBe('auth_failed');
    });

    it.each([
      [{ expiresInDays: 5, graceDays: 7 }, 'shorter'],
      [{ expiresInDays: 0 }, 'days_to_expire'],
      [{ graceDays: 3651 }, 'expire_in_days'],
    ])('rejects %j with invalid_request', async (opts, said) => {
      const old = server.seedKey({ name: 'svc' });
      const e = await failure(() => client().rotate(old.record.id, opts));
      expect(e.code).toBe('invalid_request');
      expect(e.message).toContain(said);
      expect(server.keys.size).toBe(2);
    });

    it.each([404, 405] as const)('falls back to create-then-delete when /rotate answers %i', async (status) => {
      await fresh({ rotate: status });
      const old = server.seedKey({ name: 'svc', projectId: 'proj_data', expiresInDays: 30 });
      const r = await client().rotate(old.record.id);
      expect(r).toMatchObject({ method: 'create-then-delete', oldDeleted: true, oldValidUntil: null });
      expect(r.created.key).toMatchObject({ name: 'svc', projectId: 'proj_data' });
      expect(server.keys.get(old.record.id)?.deleted_at).toBeTruthy();
      expect(server.keys.get(r.created.key.remoteId)?.deleted_at).toBeNull();
    });

    it('keeps the old key on fallback when asked, for a redeploy first', async () => {
      await fresh({ rotate: 404 });
      const old = server.seedKey({ name: 'svc' });
      const r = await client().rotate(old.record.id, { onFallback: 'keep-old' });
      expect(r.oldDeleted).toBe(false);
      expect(server.keys.get(old.record.id)?.deleted_at).toBeNull();
    });

    it('reports not_found for an unknown key even on a deployment without /rotate', async () => {
      await fresh({ rotate: 404 });
      expect((await failure(() => client().rotate('key_unknown'))).code).toBe('not_found');
      expect(server.keys.size).toBe(1);
    });
  });

  describe('auth and scope', () => {
    it('answers auth_failed for an unknown, expired or deleted credential', async () => {
      const expired = server.seedKey({ name: 'expired', createdAt: addDays(new Date(), -40), expiresInDays: 30 });
      const deleted = server.seedKey({ name: 'deleted', deleted: true });
      for (const token of ['sk_wrong_wrong_wrong_wrong', expired.secret, deleted.secret]) {
        const e = await failure(() => client(token).verify());
        expect(e.code).toBe('auth_failed');
        expectNoSecret(e.message, [token]);
      }
    });

    it('a project-scoped key sees and manages only its own project', async () => {
      server.seedKey({ name: 'org-wide' });
      server.seedKey({ name: 'data-key', projectId: 'proj_data' });
      const webKey = server.seedKey({ name: 'web-admin', projectId: 'proj_web' });
      const c = client(webKey.secret);
      expect((await c.list()).map((k) => k.name)).toEqual(['web-admin']);
      const dataKey = [...server.keys.values()].find((k) => k.name === 'data-key')!;
      expect((await failure(() => c.get(dataKey.id))).code).toBe('not_found');
      expect((await failure(() => c.create({ name: 'x', projectId: 'proj_data' }))).code).toBe('not_found');
      const made = await c.create({ name: 'web-2', projectId: 'proj_web' });
      expect(made.key.projectId).toBe('proj_web');
    });

    it('sends X-Kernel-Project-Id for a project-scoped workspace, which scopes list and create', async () => {
      server.seedKey({ name: 'org-wide' });
      server.seedKey({ name: 'data-key', projectId: 'proj_data' });
      const c = client(admin, { projectId: 'proj_data' });
      expect((await c.list()).map((k) => k.name)).toEqual(['data-key']);
      expect((await c.create({ name: 'new' })).key.projectId).toBe('proj_data');
      const e = await failure(() => client(admin, { projectId: 'proj_nope' }).list());
      expect(e.code).toBe('not_found');
    });

    it('verify and probe tell a working token from a rejected one', async () => {
      expect((await client().verify()).label).toContain('127.0.0.1');
      expect((await client().probe()).state).toBe('valid');
      expect((await client('sk_nope_nope_nope').probe()).state).toBe('rejected');
    });
  });
});
