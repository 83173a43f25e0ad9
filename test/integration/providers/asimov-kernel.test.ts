import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AsimovClient, type ProviderClient } from '../../../electron/core/providers';
import { AsimovImitation } from '../../imitations';
import { expectNoSecret, failure, testHttp } from '../../helpers/providers/http';

const { http, sleeps } = testHttp();
let server: AsimovImitation;
let base: string;
let user: string;
const client = (token: string) => new AsimovClient(http, { baseUrl: base, token, workspaceKey: 'w' });

beforeEach(async () => {
  server = new AsimovImitation();
  base = `${await server.start()}/api/v1`;
  user = server.addUser('Ada', 'ada@example.com');
});
afterEach(() => server.stop());
afterAll(() => http.close());

describe('Kernel by Asimov client against its imitation', () => {
  it('verifies a token with GET /api/v1/me', async () => {
    const { secret } = server.issueToken(user, { name: 't', scopes: ['read'] });
    const me = await client(secret).verify();
    expect(me.label).toBe('Ada <ada@example.com>');
    expect(server.getStats().byRoute['GET /api/v1/me']).toBe(1);
  });

  it('401 for a wrong, expired or revoked token', async () => {
    const revoked = server.issueToken(user, { name: 'r' });
    server.revokeToken(revoked.record.id);
    const expired = server.issueToken(user, { name: 'e', expiresInDays: 30 });
    server.now = () => new Date(Date.now() + 31 * 86_400_000);
    const valid = server.issueToken(user, { name: 'v', expiresInDays: 90 });
    for (const token of ['asm_wrong', revoked.secret, expired.secret]) {
      const e = await failure(() => client(token).verify());
      expect(e.code).toBe('auth_failed');
      expectNoSecret(e.message, [token]);
    }
    await expect(client(valid.secret).verify()).resolves.toBeDefined();
  });

  it('403 is forbidden, not auth_failed: missing scope or workspace permission', async () => {
    const noScope = server.issueToken(user, { name: 'w', scopes: ['write'] });
    const e = await failure(() => client(noScope.secret).verify());
    expect(e.code).toBe('forbidden');
    expect(e.message).toContain('read scope');
    const ok = server.issueToken(user, { name: 'r', scopes: ['read'] });
    server.users.get(user)!.workspaceAccess = false;
    expect((await failure(() => client(ok.secret).verify())).code).toBe('forbidden');
  });

  it('probe confirms a guided revocation: valid before, rejected after', async () => {
    const t = server.issueToken(user, { name: 'old', scopes: ['read', 'write', 'delete', 'admin'] });
    expect((await client(t.secret).probe()).state).toBe('valid');
    server.revokeToken(t.record.id);
    expect((await client(t.secret).probe()).state).toBe('rejected');
  });

  it.each([
    [50, 10, [10_000, 10_000]],
    [10, 50, []],
  ])('rate limit at second %i of the minute: Retry-After %i; a short wait is waited out, a long one reported', async (second, retryAfter, waits) => {
    server.now = () => new Date(Date.UTC(2026, 10, 23, 12, 0, second));
    server.ratePerMinute = 2;
    const t = server.issueToken(user, { name: 't' });
    const c = client(t.secret);
    await c.verify();
    await c.verify();
    sleeps.length = 0;
    const e = await failure(() => c.verify());
    expect(e.code).toBe('rate_limited');
    expect(e.extra?.retryAfterSeconds).toBe(retryAfter);
    expect(sleeps).toEqual(waits);
  });

  it('answers its documented error body', async () => {
    const res = await fetch(`${base}/me`, { headers: { authorization: 'Bearer nope' } });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 'UNAUTHORIZED', message: 'Invalid, expired or revoked token' } });
  });

  it('token management is guided: the client says where to go', async () => {
    const t = server.issueToken(user, { name: 't' });
    const c: ProviderClient = client(t.secret);
    for (const op of [() => c.list(), () => c.create({ name: 'x' }), () => c.revoke('x'), () => c.rotate('x'), () => c.rename('x', 'y')]) {
      const e = await failure(op);
      expect(e.code).toBe('unsupported');
      expect(e.message).toContain('https://kernel.asimov.com/settings/security');
    }
    expect(server.getStats().requests).toBe(0);
  });
});
