import { mkdtempSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDemo, type DemoImitations } from '../../imitations';
import { addDays } from '../../imitations/ids';
import { must } from '../../helpers/test-core';
import { auditKinds, connect, makeRotationCore, type RotationTestCore } from '../../helpers/rotation/rotation-core';

let core: RotationTestCore;
let demo: DemoImitations;
beforeEach(async () => {
  core = makeRotationCore();
  demo = await startDemo();
});
afterEach(async () => {
  await core.cleanup();
  await demo.stop();
});

describe('Kernle', () => {
  it('create, cycle (old key dies at once), revoke', async () => {
    const { workspaceId } = await connect(core, demo, 'kernle');
    const { key, secret } = await must(core.api.invoke('keys.create', { workspaceId, name: 'agent' }));
    expect(await core.secrets.get(key.id)).toBe(secret);
    expect(demo.kernle.keys.get(key.remoteId!)?.plaintext).toBe(secret);

    const r = await must(core.api.invoke('keys.rotate', { id: key.id }));
    expect(r.retire.method).toBe('immediate');
    expect(demo.kernle.keys.get(key.remoteId!)?.is_active).toBe(false);
    expect(demo.kernle.keys.get(r.newKey.remoteId!)?.plaintext).toBe(r.secret);
    expect(await core.secrets.get(r.newKey.id)).toBe(r.secret);
    expect(await core.secrets.get(key.id)).toBeNull();
    expect(r.oldKey).toMatchObject({ status: 'revoked', hasSecret: false });
    expect(demo.kernle.getStats().byRoute['POST /auth/keys/:id/cycle']).toBe(1);
    expect(await auditKinds(core, key.id)).toEqual(expect.arrayContaining(['created', 'rotated', 'revoked']));

    await must(core.api.invoke('keys.revoke', { id: r.newKey.id }));
    expect(demo.kernle.keys.has(r.newKey.remoteId!)).toBe(false); // shape B: hard delete
    expect(await core.secrets.get(r.newKey.id)).toBeNull();
  });
});

describe.each(['asimov', 'kinesis'] as const)('guided flow: %s', (service) => {
  const issue = (name: string) => {
    if (service === 'asimov') return demo.asimov.issueToken([...demo.asimov.users.keys()][0]!, { name, scopes: ['read'], expiresInDays: 90 });
    const now = demo.kinesis.now();
    return demo.kinesis.issuePat([...demo.kinesis.users.keys()][0]!, { name, permissions: ['USER_FETCH'], validFrom: addDays(now, -1), validTo: addDays(now, 90) });
  };
  const revokeAtService = (id: string) => (service === 'asimov' ? demo.asimov.revokeToken(id) : demo.kinesis.deletePat(id));

  it('token page, paste + verify + store, old one to revoke in the web UI until it answers 401', async () => {
    const { workspaceId } = await connect(core, demo, service);
    const page = await must(core.api.invoke('keys.tokenPage', { workspaceId }));
    expect(page.url).toBe(service === 'asimov' ? `${new URL(demo.urls.asimov).origin}/settings/security` : `${demo.urls.kinesis}/web/pats`);
    expect((await fetch(page.url)).status).toBe(200);

    const old = issue('ci');
    const key = await must(core.api.invoke('keys.import', { name: 'ci', provider: service === 'asimov' ? 'asimov-kernel' : 'kinesis', workspaceId, secret: old.secret }));
    expect((await core.api.invoke('keys.rotate', { id: key.id })).ok).toBe(false);

    const bad = await core.api.invoke('keys.guidedRotate', { id: key.id, secret: 'tok_not_a_real_token_123' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'auth_failed' } });

    const fresh = issue('ci-2');
    const r = await must(core.api.invoke('keys.guidedRotate', { id: key.id, secret: fresh.secret, expiresAt: '2027-06-01' }));
    expect(r.secret).toBeUndefined();
    expect(r.retire).toMatchObject({ method: 'web-ui', tokenPage: page.url });
    expect(await core.secrets.get(r.newKey.id)).toBe(fresh.secret);
    expect(r.newKey.expiresAt).toBe('2027-06-01T00:00:00.000Z');
    const items = await must(core.api.invoke('rotations.attention', {}));
    expect(items).toEqual([expect.objectContaining({ kind: 'revoke-in-web-ui', keyId: key.id, tokenPage: page.url })]);

    const still = await core.api.invoke('keys.confirmRevoked', { id: key.id });
    expect(still).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(!still.ok && still.error.message).toMatch(/still works/);

    revokeAtService(old.record.id);
    const done = await must(core.api.invoke('rotations.resolve', { id: key.id, action: 'confirm-revoked' }));
    expect(done.resolved).toBe(true);
    expect(await must(core.api.invoke('keys.get', { id: key.id }))).toMatchObject({ status: 'revoked', hasSecret: false });
    expect(await must(core.api.invoke('rotations.attention', {}))).toEqual([]);
    expect(await auditKinds(core, key.id)).toEqual(expect.arrayContaining(['rotated', 'revoked']));
  });

  it('guided create verifies the pasted token with the service before storing it', async () => {
    const { workspaceId } = await connect(core, demo, service);
    const before = (await core.secrets.find()).length;
    const rejected = await core.api.invoke('keys.guidedCreate', { workspaceId, name: 'typo', secret: 'tok_mistyped_paste_000000', scopes: ['read'] });
    expect(rejected).toMatchObject({ ok: false, error: { code: 'auth_failed', fields: { secret: expect.any(String) } } });
    expect((await core.secrets.find()).length).toBe(before);
    expect((await must(core.api.invoke('keys.list', { query: 'typo' })))).toEqual([]);

    const t = issue('made-in-web-ui');
    const key = await must(core.api.invoke('keys.guidedCreate', { workspaceId, name: 'made-in-web-ui', secret: t.secret, scopes: ['read'], expiresAt: '2027-03-01' }));
    expect(key).toMatchObject({ name: 'made-in-web-ui', workspaceId, scopes: ['read'], expiresAt: '2027-03-01T00:00:00.000Z', hasSecret: true });
    expect(await core.secrets.get(key.id)).toBe(t.secret);
    expect(await auditKinds(core, key.id)).toEqual(['verified', 'imported']);
  });

  it('guided create is refused for services with a create API', async () => {
    const { workspaceId } = await connect(core, demo, 'kernel');
    expect(await core.api.invoke('keys.guidedCreate', { workspaceId, name: 'x', secret: 'sk_whatever_000000000' })).toMatchObject({ ok: false, error: { code: 'unsupported' } });
  });

  it('revoke is guided: pending in the web UI, then confirmed', async () => {
    const { workspaceId } = await connect(core, demo, service);
    const t = issue('tmp');
    const key = await must(core.api.invoke('keys.import', { name: 'tmp', provider: service === 'asimov' ? 'asimov-kernel' : 'kinesis', workspaceId, secret: t.secret }));
    const out = await must(core.api.invoke('keys.revoke', { id: key.id }));
    expect(out.state).toBe('pending-web-ui');
    revokeAtService(t.record.id);
    expect((await must(core.api.invoke('keys.confirmRevoked', { id: key.id }))).state).toBe('revoked');
  });
});

describe('.env usages', () => {
  it('a rotation rewrites two recorded files and leaves a changed third one untouched, with a report', async () => {
    const { workspaceId } = await connect(core, demo, 'kernel');
    const { key, secret } = await must(core.api.invoke('keys.create', { workspaceId, name: 'web' }));
    const dir = mkdtempSync(join(tmpdir(), 'keydeck-env-'));
    const a = join(dir, 'a.env');
    const b = join(dir, 'b.env');
    const c = join(dir, 'c.env');
    writeFileSync(a, `# app\nKERNEL_API_KEY=${secret}\nOTHER=x\n`, { mode: 0o600 });
    writeFileSync(b, `export KERNEL_API_KEY="${secret}" # prod\r\nZ=1\r\n`, { mode: 0o640 });
    writeFileSync(c, `KERNEL_API_KEY=${secret}\n`, { mode: 0o600 });
    for (const f of [a, b, c]) await must(core.api.invoke('usages.add', { keyId: key.id, envVar: 'KERNEL_API_KEY', filePath: f }));
    writeFileSync(c, 'KERNEL_API_KEY=sk_changed_by_someone_else\n', { mode: 0o600 });

    const r = await must(core.api.invoke('keys.rotate', { id: key.id, graceSeconds: 0 }));
    const s = r.secret!;
    expect(readFileSync(a, 'utf8')).toBe(`# app\nKERNEL_API_KEY=${s}\nOTHER=x\n`);
    expect(readFileSync(b, 'utf8')).toBe(`export KERNEL_API_KEY="${s}" # prod\r\nZ=1\r\n`);
    expect(statSync(a).mode & 0o777).toBe(0o600);
    expect(statSync(b).mode & 0o777).toBe(0o640);
    expect(readFileSync(c, 'utf8')).toBe('KERNEL_API_KEY=sk_changed_by_someone_else\n');
    expect(r.usages.map((u) => [u.filePath, u.outcome]).sort((x, y) => x[0]!.localeCompare(y[0]!))).toEqual([[a, 'updated'], [b, 'updated'], [c, 'stale']]);
    expect(r.warning).toMatch(/c\.env/);
    expect(existsSync(`${a}.keydeck-bak`)).toBe(false);
    expect((await must(core.api.invoke('usages.list', { keyId: r.newKey.id }))).length).toBe(3);
    const items = await must(core.api.invoke('rotations.attention', {}));
    expect(items).toEqual([expect.objectContaining({ kind: 'usage-stale' })]);
    await must(core.api.invoke('rotations.resolve', { id: items[0]!.id, action: 'dismiss' }));
    expect(await must(core.api.invoke('rotations.attention', {}))).toEqual([]);
  });

  it('keeps a backup only when the setting is on', async () => {
    await must(core.api.invoke('settings.update', { envBackup: true }));
    const { workspaceId } = await connect(core, demo, 'kernel');
    const { key, secret } = await must(core.api.invoke('keys.create', { workspaceId, name: 'web' }));
    const f = join(mkdtempSync(join(tmpdir(), 'keydeck-env-')), '.env');
    writeFileSync(f, `KERNEL_API_KEY=${secret}\n`, { mode: 0o600 });
    await must(core.api.invoke('usages.add', { keyId: key.id, envVar: 'KERNEL_API_KEY', filePath: f }));
    await must(core.api.invoke('keys.rotate', { id: key.id, graceSeconds: 0 }));
    expect(readFileSync(`${f}.keydeck-bak`, 'utf8')).toBe(`KERNEL_API_KEY=${secret}\n`);
    expect(statSync(`${f}.keydeck-bak`).mode & 0o777).toBe(0o600);
  });
});
