import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientFor, makeTestCore, must, type TestCore } from '../../helpers/test-core';

describe('importing and listing keys', () => {
  let core: TestCore;
  let api: ReturnType<typeof clientFor>;
  beforeEach(() => {
    core = makeTestCore();
    api = clientFor(core.router);
  });
  afterEach(() => core.cleanup());

  it('stores the secret in the keychain and only metadata in SQLite', async () => {
    const ws = await must(api.invoke('workspaces.add', { name: 'Acme', provider: 'kernel-sh', environment: 'prod' }));
    const secret = 'sk_live_0123456789abcdefghijklmnop';
    const key = await must(api.invoke('keys.import', { name: 'ci-deploy', provider: 'kernel-sh', workspaceId: ws.id, secret, scopes: ['org'] }));
    expect(key).toMatchObject({ name: 'ci-deploy', masked: 'sk_live_…mnop', hasSecret: true, status: 'active', source: 'imported' });
    expect(key).not.toHaveProperty('secret');
    expect(await core.secrets.get(key.id)).toBe(secret);
    const listed = await must(api.invoke('keys.list', {}));
    expect(listed.map((k) => k.id)).toEqual([key.id]);
  });
});
