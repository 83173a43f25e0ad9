import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE_NAME } from '../../../electron/core/create-core';
import { KernelImitation } from '../../imitations';
import { clientFor, makeTestCore, must, type TestCore } from '../../helpers/test-core';
import { cliEnv, runCli } from '../../helpers/cli';
import { connect, makeRotationCore, startDemoFor } from '../../helpers/rotation/rotation-core';
import { runCrashingCli } from '../../helpers/rotation/crash';

/** Every file a Node process loaded, from NODE_DEBUG=module's "load" lines. */
const loadedFiles = (stderr: string) => [...stderr.matchAll(/load "([^"]+)" for module/g)].map((m) => m[1]!);

/** Every byte under a folder, for "no secret here" assertions. */
function bytesUnder(dir: string): string {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile())
    .map((f) => readFileSync(f).toString('latin1'))
    .join('\n');
}

/** The CLI's fast start keeps its guarantees: no write lock to read, reconcile at start, HTTP when asked for. */
describe('the CLI start', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  const withKey = async (): Promise<{ core: TestCore; id: string; secret: string }> => {
    const core = makeTestCore();
    cleanups.push(() => core.cleanup());
    const secret = 'sk-fast-start-0000000000000000000001';
    const { id } = await must(clientFor(core.router).invoke('keys.import', { name: 'deploy', provider: 'kernle', secret }));
    return { core, id, secret };
  };

  it('answers read-only commands while another process holds the database write lock', async () => {
    const { core, id, secret } = await withKey();
    const env = cliEnv(core.dataDir, core.service);
    const other = new Database(join(core.dataDir, DB_FILE_NAME));
    other.exec('BEGIN IMMEDIATE');
    try {
      // Needing the lock would mean waiting out busy_timeout (5 s) and failing with storage_error.
      const keys = await runCli(['keys', '--json'], { env });
      expect(keys.stderr).toBe('');
      expect(keys.code).toBe(0);
      expect((JSON.parse(keys.stdout) as Array<{ id: string }>).map((k) => k.id)).toEqual([id]);
      // (`attention` is not read-only: it records which warning tier each key was shown.)
      const workspaces = await runCli(['workspaces'], { env });
      expect(workspaces.stderr).toBe('');
      expect(workspaces.code).toBe(0);
      for (const out of [keys.stdout, workspaces.stdout]) expect(out).not.toContain(secret);
      // The lock was held all along: this connection still owns it.
      expect(other.inTransaction).toBe(true);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
  });

  it('keeps compiled code in its cache folder, and never a secret', async () => {
    const { core, secret } = await withKey();
    const cache = mkdtempSync(join(tmpdir(), 'keydeck-compile-cache-'));
    cleanups.push(() => rmSync(cache, { recursive: true, force: true }));
    const env = cliEnv(core.dataDir, core.service, { NODE_COMPILE_CACHE: cache });
    for (let i = 0; i < 2; i++) {
      const r = await runCli(['read', 'deploy'], { env });
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(secret);
    }
    const cached = bytesUnder(cache);
    expect(cached.length).toBeGreaterThan(0);
    expect(cached).not.toContain(secret);
    // Still audited, once per read.
    const audit = await must(clientFor(core.router).invoke('audit.list', {}));
    expect(audit.filter((e) => e.kind === 'revealed')).toHaveLength(2);
  });

  it('loads neither the HTTP client nor zod from node_modules for a command that makes no request, and HTTP when one does', async () => {
    const { core } = await withKey();
    const debug = cliEnv(core.dataDir, core.service, { NODE_DEBUG: 'module' });
    const keys = await runCli(['keys'], { env: debug });
    expect(keys.code).toBe(0);
    const files = loadedFiles(keys.stderr);
    expect(files.some((f) => f.includes('better-sqlite3')), 'the debug output lists loaded files').toBe(true);
    expect(files.filter((f) => /node_modules[\\/](undici|zod)[\\/]/.test(f))).toEqual([]);
    // zod is a file of its own in the build (out/main/zod-api.js): `keys` checks its answer with it, `read` never reads it.
    expect(files.some((f) => /[\\/]out[\\/]main[\\/]zod-api\.js$/.test(f))).toBe(true);
    const read = await runCli(['read', 'deploy'], { env: debug });
    expect(read.code).toBe(0);
    expect(loadedFiles(read.stderr).filter((f) => /zod-api\.js$|node_modules[\\/](undici|zod)[\\/]/.test(f))).toEqual([]);

    const server = new KernelImitation();
    await server.start();
    cleanups.push(() => server.stop());
    const admin = server.seedKey({ name: 'admin' }).secret;
    const env = cliEnv(core.dataDir, core.service);
    const ws = JSON.parse((await runCli(['workspace', 'add', '--name', 'Acme', '--provider', 'kernel-sh', '--env', 'dev', '--base-url', server.url, '--json'], { env })).stdout) as { id: string };
    const connected = await runCli(['connect', ws.id], { env: debug, stdin: `${admin}\n` });
    expect(connected.code, connected.stderr.split('\n').filter((l) => !l.startsWith('MODULE')).join('\n')).toBe(0);
    expect(connected.stdout).toMatch(/^Synced as /);
    expect(loadedFiles(connected.stderr).some((f) => /node_modules[\\/]undici[\\/]/.test(f))).toBe(true);
    expect(connected.stdout + connected.stderr).not.toContain(admin);
  });

  it('finishes a rotation a crash interrupted, at the start of a read-only command', async () => {
    const demo = await startDemoFor('kernel.sh rotate');
    cleanups.push(() => demo.stop());
    const setup = makeRotationCore();
    cleanups.push(() => setup.cleanup());
    const { workspaceId } = await connect(setup, demo, 'kernel');
    const created = await must(setup.api.invoke('keys.create', { workspaceId, name: 'deploy-bot' }));
    setup.close();

    const crashed = await runCrashingCli(setup.dataDir, setup.service, 'keys.rotate', { id: created.key.id, graceSeconds: 0 }, 'keychain');
    expect(crashed.signal, crashed.stderr).toBe('SIGKILL');
    const before = makeRotationCore({ dataDir: setup.dataDir, service: setup.service });
    const rotation = (rows: Array<{ plan: string; state: string; newKeyId: string }>) => rows.find((r) => r.plan !== 'create')!;
    expect(rotation(await must(before.api.invoke('rotations.list', { keyId: created.key.id }))).state).toBe('running');
    before.close();

    const keys = await runCli(['keys', '--json'], { env: cliEnv(setup.dataDir, setup.service) });
    expect(keys.stderr).toBe('');
    expect(keys.code).toBe(0);

    const after = makeRotationCore({ dataDir: setup.dataDir, service: setup.service });
    try {
      const done = rotation(await must(after.api.invoke('rotations.list', { keyId: created.key.id })));
      expect(done.state).toBe('done');
      const current = await after.secrets.get(done.newKeyId);
      expect(current).not.toBeNull();
      expect([...demo.kernel.keys.values()].some((k) => k.plaintext === current && !k.deleted_at)).toBe(true);
      expect(keys.stdout).not.toContain(current!);
      expect(keys.stdout).not.toContain(created.secret);
    } finally {
      after.close();
    }
  });

  it('answers --help and help COMMAND without creating or opening a database', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'keydeck-help-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const env = cliEnv(dataDir, 'keydeck-help-never-used');
    for (const args of [['--help'], ['help', 'read'], ['read', '--help']]) {
      const r = await runCli(args, { env });
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout).toMatch(/Usage: keydeck/);
    }
    expect(readdirSync(dataDir)).toEqual([]);
  });
});
