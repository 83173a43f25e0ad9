import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listPackage, extractFile, extractAll } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { load } from 'js-yaml';
import { KeyringSecretStore } from '../../../electron/core/store/keyring-secret-store';
import { testService } from '../../helpers/test-core';
import { cliEnv } from '../../helpers/cli';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const config = load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as { electronFuses: Record<string, boolean>; linux: { executableName: string } };
const version = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version as string;

/** What @electron/fuses looks for (its dist/constants.js, not exported): the wire follows this. */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FuseState = { DISABLE: '0'.charCodeAt(0), ENABLE: '1'.charCodeAt(0) };

/** electron-builder's option names → @electron/fuses' wire positions. */
const FUSE_INDEX: Record<string, FuseV1Options> = {
  runAsNode: FuseV1Options.RunAsNode,
  enableCookieEncryption: FuseV1Options.EnableCookieEncryption,
  enableNodeOptionsEnvironmentVariable: FuseV1Options.EnableNodeOptionsEnvironmentVariable,
  enableNodeCliInspectArguments: FuseV1Options.EnableNodeCliInspectArguments,
  enableEmbeddedAsarIntegrityValidation: FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
  onlyLoadAppFromAsar: FuseV1Options.OnlyLoadAppFromAsar,
  loadBrowserProcessSpecificV8Snapshot: FuseV1Options.LoadBrowserProcessSpecificV8Snapshot,
  grantFileProtocolExtraPrivileges: FuseV1Options.GrantFileProtocolExtraPrivileges,
};

/**
 * A stand-in Electron distribution: its binary carries the fuse wire exactly where @electron/fuses
 * looks (sentinel, wire version 1, wire length, one byte per fuse), set to Electron's shipped
 * defaults (RunAsNode, NODE_OPTIONS, --inspect and file:// privileges on) so every flip shows.
 */
function stubElectronDist(dir: string): void {
  const defaults = ['1', '0', '1', '1', '0', '0', '0', '1'];
  const wire = Buffer.concat([Buffer.from('#!/bin/sh\nexit 0\n# '), Buffer.from(SENTINEL), Buffer.from([1, defaults.length]), Buffer.from(defaults.join('')), Buffer.from('\n')]);
  mkdirSync(join(dir, 'resources'), { recursive: true });
  writeFileSync(join(dir, 'electron'), wire, { mode: 0o755 });
  writeFileSync(join(dir, 'chrome-sandbox'), '', { mode: 0o755 });
  writeFileSync(join(dir, 'version'), version);
}

function lockedPackages(): Map<string, { dev?: boolean }> {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
  // Keyed by install path (node_modules/a/node_modules/b): a nested dev-only copy must not stand for the top-level one.
  return new Map(Object.entries(lock.packages).filter(([p]) => p.startsWith('node_modules/')));
}

describe.runIf(process.platform === 'linux')('`npm run dist` configuration, proven on a `dir` build with a stub Electron', () => {
  const base = mkdtempSync(join(tmpdir(), 'keydeck-package-'));
  const appOut = join(base, 'release/linux-unpacked');
  const resources = join(appOut, 'resources');
  const asarPath = join(resources, 'app.asar');
  let files: string[] = [];
  let build = { code: -1, output: '' };

  beforeAll(async () => {
    stubElectronDist(join(base, 'electron-dist'));
    // electronDist is the option that keeps electron-builder off the network: nothing else of the
    // `dir` target downloads anything (no fpm, no app-builder tools; npmRebuild is off).
    const args = ['node_modules/electron-builder/cli.js', '--config', 'electron-builder.yml', '--linux', 'dir', '--x64', '--publish', 'never', `-c.electronDist=${join(base, 'electron-dist')}`, `-c.directories.output=${join(base, 'release')}`];
    build = await new Promise((resolve, reject) => {
      const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, CI: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code: code ?? -1, output }));
    });
    if (build.code === 0) files = listPackage(asarPath, { isPack: false }).map((f) => f.replaceAll('\\', '/'));
  }, 120_000);

  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('builds', () => {
    expect(build.code, build.output).toBe(0);
    expect(existsSync(join(appOut, config.linux.executableName))).toBe(true);
  });

  it('sets every fuse as electron-builder.yml declares: RunAsNode, NODE_OPTIONS and --inspect off; cookie encryption, ASAR integrity and only-load-from-asar on', async () => {
    const wire = await getCurrentFuseWire(join(appOut, config.linux.executableName));
    const state = (on: boolean) => (on ? FuseState.ENABLE : FuseState.DISABLE);
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    const declared = Object.entries(config.electronFuses);
    expect(declared).toHaveLength(Object.keys(FUSE_INDEX).length);
    for (const [name, on] of declared) expect([name, wire[FUSE_INDEX[name]!]]).toEqual([name, state(on)]);
  });

  it('packs the built app and its production dependencies only: no tests, maps, TypeScript or dev dependencies', () => {
    expect(files).toEqual(expect.arrayContaining(['/out/main/index.js', '/out/main/cli.js', '/out/preload/index.js', '/out/renderer/index.html', '/package.json']));
    expect(new Set(files.map((f) => f.split('/')[1]))).toEqual(new Set(['out', 'node_modules', 'package.json']));
    expect(files.filter((f) => /\.map$/.test(f))).toEqual([]);
    expect(files.filter((f) => /\/(test|tests|__tests__)\/|\.(test|spec)\.[cm]?[jt]sx?$/.test(f))).toEqual([]);
    expect(files.filter((f) => /\.[cm]?ts$/.test(f))).toEqual([]);

    const locked = lockedPackages();
    const packedPaths = new Set(files.flatMap((f) => /^\/((?:node_modules\/(?:@[^/]+\/[^/]+|[^@/][^/]*)\/)+)/.exec(`${f}/`)?.[1]?.slice(0, -1) ?? []));
    const packed = new Set([...packedPaths].map((p) => p.replace(/^.*node_modules\//, '')));
    expect([...packedPaths].filter((path) => !locked.has(path))).toEqual([]);
    expect([...packedPaths].filter((path) => locked.get(path)?.dev)).toEqual([]);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string; dependencies: Record<string, string> };
    for (const dep of Object.keys(pkg.dependencies)) expect(packed).toContain(dep);
    expect(JSON.parse(extractFile(asarPath, 'package.json').toString()).main).toBe(pkg.main);
  });

  it('unpacks better-sqlite3 and @napi-rs/keyring, and both load in Node from the unpacked folder', () => {
    const unpacked = join(resources, 'app.asar.unpacked/node_modules');
    expect(existsSync(join(unpacked, 'better-sqlite3/package.json'))).toBe(true);
    expect(existsSync(join(unpacked, '@napi-rs/keyring/package.json'))).toBe(true);
    const probe = `
      const Database = require(${JSON.stringify(join(unpacked, 'better-sqlite3'))});
      const db = new Database(':memory:');
      const n = db.prepare('select 41 + 1 as n').get().n;
      const { AsyncEntry } = require(${JSON.stringify(join(unpacked, '@napi-rs/keyring'))});
      process.stdout.write(JSON.stringify({ n, asyncEntry: typeof AsyncEntry, sqlite: require.resolve(${JSON.stringify(join(unpacked, 'better-sqlite3'))}) }));`;
    // Run from the temp folder, so nothing can come from this checkout's node_modules.
    const run = spawnSync(process.execPath, ['-e', probe], { cwd: base, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ n: 42, asyncEntry: 'function', sqlite: join(unpacked, 'better-sqlite3/lib/index.js') });
  });

  it('runs the bundled CLI from the packaged layout: better-sqlite3 found from its package, zod from its own file, the keychain read', async () => {
    // The app's files as the asar lays them out (its unpacked part included), run by Node: the
    // paths the build writes into the chunks (node_modules/better-sqlite3/lib, out/main/zod-api.js)
    // must hold there as they do in the repository.
    const tree = join(base, 'extracted');
    extractAll(asarPath, tree);
    const dataDir = mkdtempSync(join(base, 'data-'));
    const service = testService();
    const cli = (args: string[], input?: string) => spawnSync(process.execPath, [join(tree, 'out/main/cli.js'), ...args], { env: cliEnv(dataDir, service), input, encoding: 'utf8' });
    try {
      const imported = cli(['import', '--name', 'packaged', '--provider', 'kernle', '--json'], 'sk-packaged-0000000000000000000001\n');
      expect(imported.status, imported.stderr).toBe(0);
      const read = cli(['read', 'packaged']);
      expect(read.status, read.stderr).toBe(0);
      expect(read.stdout).toBe('sk-packaged-0000000000000000000001');
      const keys = cli(['keys', '--json']);
      expect(keys.status, keys.stderr).toBe(0);
      expect((JSON.parse(keys.stdout) as Array<{ name: string }>).map((k) => k.name)).toEqual(['packaged']);
    } finally {
      const store = new KeyringSecretStore(service);
      for (const { account } of await store.find()) await store.delete(account);
    }
  });

  it('ships the `keydeck` command: the CLI in the asar and its launcher in resources/bin', () => {
    expect(files).toContain('/out/main/cli.js');
    const launcher = join(resources, 'bin/keydeck');
    expect(readFileSync(launcher, 'utf8')).toBe(readFileSync(join(root, 'electron/launch/keydeck'), 'utf8'));
    expect(statSync(launcher).mode & 0o111).not.toBe(0);
  });
});

/** The deb's maintainer scripts, made from our templates exactly as electron-builder fills them in. */
describe('the deb links /usr/bin/keydeck', () => {
  const templates = join(root, 'node_modules/app-builder-lib/templates/linux');
  const macros: Record<string, string> = { executable: 'keydeck-desktop', sanitizedProductName: 'Keydeck', productFilename: 'Keydeck' };
  // FpmTarget's writeConfigFile: ${name} replaced, an unknown name is an error.
  const fill = (text: string) =>
    text.replace(/\${([a-zA-Z]+)}/g, (_m, name: string) => {
      if (!(name in macros)) throw new Error(`Macro ${name} is not defined`);
      return macros[name]!;
    });
  const ours = (name: string) => readFileSync(join(root, `electron/launch/deb-${name}.tpl`), 'utf8');

  it('keeps electron-builder\'s own scripts whole (sandbox, alternatives, AppArmor) and only adds to them', () => {
    expect(ours('after-install').startsWith(readFileSync(join(templates, 'after-install.tpl'), 'utf8'))).toBe(true);
    expect(ours('after-remove').startsWith(readFileSync(join(templates, 'after-remove.tpl'), 'utf8'))).toBe(true);
    for (const name of ['after-install', 'after-remove']) {
      const check = spawnSync('bash', ['-n'], { input: fill(ours(name)), encoding: 'utf8' });
      expect(check.status, check.stderr).toBe(0);
    }
  });

  it('creates the link to the shipped launcher on install and removes only its own on remove', () => {
    const base = mkdtempSync(join(tmpdir(), 'keydeck-deb-'));
    try {
      // Our added block, run against a throwaway root instead of / .
      const block = (name: string) => fill(ours(name).split('# --- keydeck:')[1]!).replaceAll("'/usr/bin/", `'${base}/usr/bin/`).replaceAll("'/opt/", `'${base}/opt/`);
      mkdirSync(join(base, 'usr/bin'), { recursive: true });
      mkdirSync(join(base, 'opt/Keydeck/resources/bin'), { recursive: true });
      writeFileSync(join(base, 'opt/Keydeck/resources/bin/keydeck'), '#!/bin/sh\n');
      chmodSync(join(base, 'opt/Keydeck/resources/bin/keydeck'), 0o755);
      const bash = (script: string) => spawnSync('bash', ['-c', `#${script}`], { encoding: 'utf8' });

      expect(bash(block('after-install')).status).toBe(0);
      expect(readFileSync(join(base, 'usr/bin/keydeck'), 'utf8')).toBe('#!/bin/sh\n');
      expect(bash(block('after-remove')).status).toBe(0);
      expect(existsSync(join(base, 'usr/bin/keydeck'))).toBe(false);

      symlinkSync('/somewhere/else/keydeck', join(base, 'usr/bin/keydeck'));
      expect(bash(block('after-remove')).status).toBe(0);
      expect(spawnSync('readlink', [join(base, 'usr/bin/keydeck')], { encoding: 'utf8' }).stdout.trim()).toBe('/somewhere/else/keydeck');
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});
