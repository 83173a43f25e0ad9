import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KinesisClient, type ProviderClient } from '../../../electron/core/providers';
import { KinesisImitation } from '../../imitations';
import { addDays } from '../../imitations/ids';
import { expectNoSecret, failure, testHttp } from '../../helpers/providers/http';

const { http } = testHttp();
let server: KinesisImitation;
let base: string;
let user: string;
const client = (token: string) => new KinesisClient(http, { baseUrl: base, token, workspaceKey: 'w' });
const window = (fromDays: number, toDays: number) => ({ validFrom: addDays(new Date(), fromDays), validTo: addDays(new Date(), toDays) });

beforeEach(async () => {
  server = new KinesisImitation();
  base = await server.start();
  user = server.addUser('root');
});
afterEach(() => server.stop());
afterAll(() => http.close());

describe('Kinesis API client against its imitation', () => {
  it('verifies with an authenticated fetch and reads the user', async () => {
    const pat = server.issuePat(user, { name: 'k', permissions: ['USER_FETCH'], ...window(-1, 30) });
    const me = await client(pat.secret).verify();
    expect(me.label).toBe('root');
  });

  it.each(['always-200', 'mirror'] as const)('reads the body status, not only HTTP (%s)', async (mode) => {
    server.httpStatusOnError = mode;
    const res = await fetch(`${base}/user/fetch`, { headers: { authorization: 'Bearer nope' } });
    expect(res.status).toBe(mode === 'always-200' ? 200 : 401);
    expect(await res.json()).toMatchObject({ status: 401 });
    const e = await failure(() => client('kpat_nope').verify());
    expect(e.code).toBe('auth_failed');
  });

  it('a token before valid_from and one after valid_to both fail', async () => {
    const early = server.issuePat(user, { name: 'early', permissions: ['USER_FETCH'], ...window(2, 30) });
    const late = server.issuePat(user, { name: 'late', permissions: ['USER_FETCH'], ...window(-30, -1) });
    for (const [pat, said] of [[early, 'not yet valid'], [late, 'expired']] as const) {
      const e = await failure(() => client(pat.secret).verify());
      expect(e.code).toBe('auth_failed');
      expect(e.message).toContain(said);
      expectNoSecret(e.message, [pat.secret]);
    }
  });

  it('a missing permission is forbidden (body status 403 under HTTP 200)', async () => {
    const pat = server.issuePat(user, { name: 'cfg', permissions: ['CONFIG_FETCH'], ...window(-1, 30) });
    const e = await failure(() => client(pat.secret).verify());
    expect(e.code).toBe('forbidden');
    expect(e.message).toContain('USER_FETCH');
  });

  it('a body status 500 under HTTP 200 is provider_unavailable', async () => {
    const pat = server.issuePat(user, { name: 'k', permissions: ['USER_FETCH'], ...window(-1, 30) });
    server.setFault('GET /user/fetch', { kind: 'status', status: 500 });
    const res = await fetch(`${base}/user/fetch`, { headers: { authorization: `Bearer ${pat.secret}` } });
    expect(res.status).toBe(200);
    const e = await failure(() => client(pat.secret).verify());
    expect(e.code).toBe('provider_unavailable');
  });

  it('a deleted PAT is rejected, which confirms a guided revocation', async () => {
    const pat = server.issuePat(user, { name: 'k', permissions: ['USER_FETCH'], ...window(-1, 30) });
    expect((await client(pat.secret).probe()).state).toBe('valid');
    server.deletePat(pat.record.id);
    expect((await client(pat.secret).probe()).state).toBe('rejected');
  });

  it('token management is guided, pointing at the instance\'s /web/pats', async () => {
    const c: ProviderClient = client('x');
    const e = await failure(() => c.create({ name: 'n' }));
    expect(e.code).toBe('unsupported');
    expect(e.message).toContain(`${base}/web/pats`);
    const page = await fetch(`${base}/web/pats`);
    expect(page.status).toBe(200);
  });
});
