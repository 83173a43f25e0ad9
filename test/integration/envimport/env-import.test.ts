import { lstatSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/create-core';
import { AppError } from '../../../electron/core/errors';
import { silentLogger } from '../../../electron/core/log';
import type { SecretStore } from '../../../electron/core/ports';
import { KeyringSecretStore } from '../../../electron/core/store/keyring-secret-store';
import { startDemo, type DemoImitations } from '../../imitations';
import { envFile, kernelSecretOf, kernleSecretOf, realisticEnv } from '../../helpers/envimport';
import { testHttp } from '../../helpers/providers/http';
import { clientFor, diskText, disposeTestCore, must, TestClock, testService } from '../../helpers/test-core';

/** The real keychain, with a switch that makes writes fail as a locked keychain does. */
class LockableSecrets implements SecretStore {
  /** Writes allowed before the keychain "locks"; Infinity = never. */
  allowSets = Number.POSITIVE_INFINITY;
  constructor(readonly inner: KeyringSecretStore) {}
  get = (a: string) => this.inner.get(a);
  delete = (a: string) => this.inner.delete(a);
  find = () => this.inner.find();
  async set(a: string, s: string): Promise<void> {
    if (this.allowSets-- <= 0) throw new AppError('keychain_locked', 'The OS keychain is locked. Unlock it, then try again.');
    await this.inner.set(a, s);
  }
}

let demo: DemoImitations;
let core: Core;
let secrets: LockableSecrets;
let dataDir: string;
let api: ReturnType<typeof clientFor>;
let kernelWs: string;
let kernleWs: string;
let t: { ciDeploy: string; memorySync: string; fresh: string; asimov: string };

beforeEach(async () => {
  demo = await startDemo();
  dataDir = mkdtempSync(join(tmpdir(), 'keydeck-envimport-'));
  secrets = new LockableSecrets(new KeyringSecretStore(testService()));
  core = createCore({ dataDir, secrets, clock: new TestClock(Date.now()), logger: silentLogger, http: testHttp().http });
  api = clientFor(core.router);
  kernelWs = (await must(api.invoke('workspaces.add', { name: 'Kernel Prod', provider: 'kernel-sh', baseUrl: demo.urls.kernel, environment: 'prod' }))).id;
  kernleWs = (await must(api.invoke('workspaces.add', { name: 'Agents', provider: 'kernle', baseUrl: demo.urls.kernle, environment: 'dev' }))).id;
  await must(api.invoke('workspaces.connect', { id: kernelWs, secret: demo.managementKeys.kernel }));
  await must(api.invoke('workspaces.connect', { id: kernleWs, secret: demo.managementKeys.kernle }));
  t = {
    ciDeploy: kernelSecretOf(demo, 'ci-deploy'),
    memorySync: kernleSecretOf(demo, 'memory-sync'),
    // Made at the service after the last sync: no synced row matches it, so it becomes a new entry.
    fresh: demo.kernel.seedKey({ name: 'staging-deploy' }).secret,
    // No Asimov workspace exists: stored without one, not verified.
    asimov: `asm_${'Q'.repeat(32)}`,
  };
});
afterEach(async () => {
  await disposeTestCore(core, secrets.inner, dataDir);
  await demo.stop();
});

const keyByName = async (name: string) => (await must(api.invoke('keys.list', {}))).find((k) => k.name === name)!;
const allSecrets = () => [t.ciDeploy, t.memorySync, t.fresh, t.asimov];

describe('.env import: the preview', () => {
  it('says what will happen to every assignment, verifies with the services, and stores nothing', async () => {
    const { path } = envFile(realisticEnv(t));
    const before = (await secrets.find()).length;
    const preview = await must(api.invoke('envImport.preview', { path }));
    const rows = preview.lines.map((l) => [l.line, l.variable, l.action, l.verified, l.keyName, l.workspaceName, l.reference]);
    expect(rows).toEqual([
      [2, 'APP_NAME', 'skip', 'unverified', null, null, null],
      [3, 'NODE_ENV', 'skip', 'unverified', null, null, null],
      [6, 'KERNEL_API_KEY', 'attach', 'valid', 'ci-deploy', 'Kernel Prod', 'keydeck://kernel%20prod/ci-deploy'],
      [7, 'KERNLE_API_KEY', 'attach', 'valid', 'memory-sync', 'Agents', 'keydeck://agents/memory-sync'],
      [8, 'DATABASE_URL', 'skip', 'unverified', null, null, null],
      [10, 'KERNEL_API_KEY_STAGING', 'create', 'valid', 'billing-kernel-api-key-staging', 'Kernel Prod', 'keydeck://kernel%20prod/billing-kernel-api-key-staging'],
      [11, 'KERNEL_TOKEN', 'create', 'unverified', 'billing-kernel-token', null, null],
      [12, 'STRIPE_SECRET_KEY', 'skip', 'unverified', null, null, null],
      [13, 'EMPTY', 'skip', 'unverified', null, null, null],
    ]);
    expect(preview.lines.find((l) => l.variable === 'STRIPE_SECRET_KEY')?.reason).toMatch(/matches no synced key/);
    expect(preview.lines.find((l) => l.variable === 'KERNEL_TOKEN')?.reason).toMatch(/add a Kernel by Asimov workspace/);
    // Nothing crossed the boundary but masked forms, and nothing was stored.
    const text = JSON.stringify(preview);
    for (const s of allSecrets()) expect(text).not.toContain(s);
    expect((await secrets.find()).length).toBe(before);
    expect((await keyByName('ci-deploy')).hasSecret).toBe(false);
    expect(await must(api.invoke('usages.list', { keyId: (await keyByName('ci-deploy')).id }))).toEqual([]);
    expect(await keyByName('billing-kernel-api-key-staging')).toBeUndefined();
  });

  it('a token the service rejects is left alone and says why', async () => {
    const dead = demo.kernel.seedKey({ name: 'gone', deleted: true }).secret;
    const { path } = envFile(`KERNEL_API_KEY=${dead}\n`);
    const [line] = (await must(api.invoke('envImport.preview', { path }))).lines;
    expect(line).toMatchObject({ action: 'skip', verified: 'rejected', provider: 'kernel-sh' });
    expect(line!.reason).toMatch(/rejected it \(401\)/);
  });
});

describe('.env import: apply', () => {
  it('attaches secrets to synced keys, creates the rest, records every usage; the file is untouched without rewrite', async () => {
    const text = realisticEnv(t);
    const { path } = envFile(text);
    const preview = await must(api.invoke('envImport.preview', { path }));
    const result = await must(api.invoke('envImport.apply', { path, planToken: preview.planToken }));
    expect(result.lines.filter((l) => l.outcome !== 'skipped').map((l) => [l.variable, l.outcome])).toEqual([
      ['KERNEL_API_KEY', 'attached'],
      ['KERNLE_API_KEY', 'attached'],
      ['KERNEL_API_KEY_STAGING', 'created'],
      ['KERNEL_TOKEN', 'created'],
    ]);
    expect(result.rewrite.state).toBe('not-asked');
    expect(readFileSync(path, 'utf8')).toBe(text);

    const ci = await keyByName('ci-deploy');
    expect(ci).toMatchObject({ source: 'synced', hasSecret: true, workspaceId: kernelWs });
    expect(ci.remoteId).toMatch(/^key_/);
    expect((await must(api.invoke('keys.reveal', { id: ci.id }))).secret).toBe(t.ciDeploy);
    const mem = await keyByName('memory-sync');
    expect((await must(api.invoke('keys.reveal', { id: mem.id }))).secret).toBe(t.memorySync);
    const staging = await keyByName('billing-kernel-api-key-staging');
    expect(staging).toMatchObject({ source: 'imported', workspaceId: kernelWs, hasSecret: true, provider: 'kernel-sh' });
    expect((await must(api.invoke('keys.reveal', { id: staging.id }))).secret).toBe(t.fresh);
    expect(await keyByName('billing-kernel-token')).toMatchObject({ provider: 'asimov-kernel', workspaceId: null });

    for (const [key, envVar] of [[ci, 'KERNEL_API_KEY'], [mem, 'KERNLE_API_KEY'], [staging, 'KERNEL_API_KEY_STAGING']] as const) {
      expect((await must(api.invoke('usages.list', { keyId: key.id }))).map((u) => [u.envVar, u.filePath])).toEqual([[envVar, path]]);
    }
    // A second import of the same file only finds what is already there.
    const again = await must(api.invoke('envImport.preview', { path }));
    expect(again.lines.filter((l) => l.action !== 'skip').map((l) => l.action)).toEqual(['known', 'known', 'known', 'known']);
    const second = await must(api.invoke('envImport.apply', { path, planToken: again.planToken }));
    expect(second.lines.filter((l) => l.outcome === 'recorded')).toHaveLength(4);
    expect(await must(api.invoke('usages.list', { keyId: ci.id }))).toHaveLength(1);

    const disk = diskText(dataDir);
    for (const s of allSecrets()) expect(disk).not.toContain(s);
  });

  it('rewrite: values become references, byte for byte otherwise, mode kept, no temp file left', async () => {
    const { dir, path } = envFile(realisticEnv(t), 0o640);
    const preview = await must(api.invoke('envImport.preview', { path }));
    const result = await must(api.invoke('envImport.apply', { path, planToken: preview.planToken, rewrite: true }));
    expect(result.rewrite).toMatchObject({ state: 'written', replaced: 3 });
    const expected = [
      '# billing — local development settings',
      'APP_NAME=billing',
      'export NODE_ENV="development"',
      '',
      '# kernel.sh: the CI deploy key',
      'KERNEL_API_KEY="keydeck://kernel%20prod/ci-deploy"   # rotated quarterly',
      "export KERNLE_API_KEY='keydeck://agents/memory-sync'\r",
      'DATABASE_URL=postgres://localhost:5432/billing # local only',
      '',
      'KERNEL_API_KEY_STAGING=keydeck://kernel%20prod/billing-kernel-api-key-staging',
      // No workspace, so no reference: the value stays (the key is stored all the same).
      `KERNEL_TOKEN=${t.asimov}`,
      'STRIPE_SECRET_KEY=sk_test_51HxAbCdEfGhIjKlMnOpQrStUv',
      'EMPTY=',
      '',
    ].join('\n');
    expect(readFileSync(path).equals(Buffer.from(expected, 'utf8'))).toBe(true);
    expect(statSync(path).mode & 0o7777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(['.env']);
    // Read again, the rewritten file holds only references where secrets were.
    const after = await must(api.invoke('envImport.preview', { path }));
    expect(after.lines.filter((l) => l.reason === 'Already a Keydeck reference.').map((l) => l.variable)).toEqual(['KERNEL_API_KEY', 'KERNLE_API_KEY', 'KERNEL_API_KEY_STAGING']);
  });

  it('lines the user unticks are left alone, in the store and in the file', async () => {
    const { path } = envFile(realisticEnv(t));
    const preview = await must(api.invoke('envImport.preview', { path }));
    const result = await must(api.invoke('envImport.apply', { path, planToken: preview.planToken, skip: [7, 10, 11], rewrite: true }));
    expect(result.lines.filter((l) => l.outcome !== 'skipped').map((l) => l.variable)).toEqual(['KERNEL_API_KEY']);
    expect((await keyByName('memory-sync')).hasSecret).toBe(false);
    expect(readFileSync(path, 'utf8')).toContain(`export KERNLE_API_KEY='${t.memorySync}'`);
    expect(readFileSync(path, 'utf8')).toContain('KERNEL_API_KEY="keydeck://kernel%20prod/ci-deploy"');
  });
});

describe('.env import: bad input loses nothing', () => {
  it('a file changed between preview and apply is refused; nothing is stored', async () => {
    const { path } = envFile(realisticEnv(t));
    const preview = await must(api.invoke('envImport.preview', { path }));
    writeFileSync(path, `${realisticEnv(t)}EXTRA=1\n`);
    const r = await api.invoke('envImport.apply', { path, planToken: preview.planToken, rewrite: true });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/changed after the preview.*preview the import again/) });
    expect((await keyByName('ci-deploy')).hasSecret).toBe(false);
    expect(await keyByName('billing-kernel-api-key-staging')).toBeUndefined();
    expect(readFileSync(path, 'utf8')).toBe(`${realisticEnv(t)}EXTRA=1\n`);
    // The preview is spent either way.
    const again = await api.invoke('envImport.apply', { path, planToken: preview.planToken });
    expect(!again.ok && again.error.code).toBe('conflict');
  });

  it('a non-UTF-8 file is refused with what to do', async () => {
    const { path } = envFile(Buffer.concat([Buffer.from('KERNEL_API_KEY=sk_'), Buffer.from([0xff, 0xfe, 0x41]), Buffer.from('\n')]));
    const r = await api.invoke('envImport.preview', { path });
    expect(!r.ok && r.error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('is not UTF-8 text. Save it as UTF-8') });
  });

  it('a symbolic link is refused, naming the file to import instead', async () => {
    const { dir, path } = envFile(realisticEnv(t));
    const link = join(dir, '.env.link');
    symlinkSync(path, link);
    const r = await api.invoke('envImport.preview', { path: link });
    expect(!r.ok && r.error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining(`is a symbolic link to ${path}`) });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it('a missing file says so', async () => {
    const r = await api.invoke('envImport.preview', { path: '/nonexistent/billing/.env' });
    expect(!r.ok && r.error).toMatchObject({ code: 'not_found', message: '/nonexistent/billing/.env does not exist.' });
  });

  it('keychain locked before anything is stored: one clear error, no row, no usage, no keychain item, file untouched', async () => {
    const text = realisticEnv(t);
    const { path } = envFile(text);
    const preview = await must(api.invoke('envImport.preview', { path }));
    const items = (await secrets.find()).length;
    secrets.allowSets = 0;
    const r = await api.invoke('envImport.apply', { path, planToken: preview.planToken, rewrite: true });
    expect(!r.ok && r.error.code).toBe('keychain_locked');
    expect((await secrets.find()).length).toBe(items);
    expect((await keyByName('ci-deploy')).hasSecret).toBe(false);
    expect(await must(api.invoke('usages.list', { keyId: (await keyByName('ci-deploy')).id }))).toEqual([]);
    expect(readFileSync(path, 'utf8')).toBe(text);
  });

  it('keychain locks half-way: each line is whole or absent, and only stored lines are rewritten', async () => {
    const { path } = envFile(realisticEnv(t));
    const preview = await must(api.invoke('envImport.preview', { path }));
    secrets.allowSets = 1;
    const result = await must(api.invoke('envImport.apply', { path, planToken: preview.planToken, rewrite: true }));
    expect(result.lines.filter((l) => l.outcome !== 'skipped').map((l) => [l.variable, l.outcome])).toEqual([
      ['KERNEL_API_KEY', 'attached'],
      ['KERNLE_API_KEY', 'failed'],
      ['KERNEL_API_KEY_STAGING', 'failed'],
      ['KERNEL_TOKEN', 'failed'],
    ]);
    expect(result.lines.find((l) => l.variable === 'KERNLE_API_KEY')?.message).toMatch(/locked/);
    const mem = await keyByName('memory-sync');
    expect(mem.hasSecret).toBe(false);
    expect(await secrets.get(mem.id)).toBeNull();
    expect(await must(api.invoke('usages.list', { keyId: mem.id }))).toEqual([]);
    expect(await keyByName('billing-kernel-api-key-staging')).toBeUndefined();
    const file = readFileSync(path, 'utf8');
    expect(file).toContain('KERNEL_API_KEY="keydeck://kernel%20prod/ci-deploy"');
    expect(file).toContain(`export KERNLE_API_KEY='${t.memorySync}'`);
    expect(file).toContain(`KERNEL_API_KEY_STAGING=${t.fresh}`);
  });
});

