import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeZip } from '../../helpers/stub-zip';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const version = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version as string;
const zipName = `electron-v${version}-${process.platform}-${process.arch}.zip`;

/** Stands in for Electron's binary: records how electron-vite started it, then exits 0. */
const STUB = `#!/bin/sh
{ printf 'cwd=%s\\n' "$PWD"; for a in "$@"; do printf 'arg=%s\\n' "$a"; done; } > "$KEYDECK_STUB_RECORD"
exit 0
`;

/**
 * A fresh clone, as far as Electron is concerned: the project's sources, no out/, and a COPY of the
 * electron package without its binary (every other package is a link to this worktree's). The real
 * node_modules/electron is never written, and a killed run leaves only a temp folder behind.
 */
function freshProject(base: string): string {
  const dir = join(base, 'project');
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  for (const name of ['package.json', 'tsconfig.json', 'electron', 'shared', 'renderer']) cpSync(join(root, name), join(dir, name), { recursive: true });
  for (const entry of readdirSync(join(root, 'node_modules'))) {
    if (entry !== 'electron') symlinkSync(join(root, 'node_modules', entry), join(dir, 'node_modules', entry));
  }
  const electron = join(root, 'node_modules/electron');
  cpSync(electron, join(dir, 'node_modules/electron'), { recursive: true, filter: (src) => ![join(electron, 'dist'), join(electron, 'path.txt')].includes(src) });
  return dir;
}

function npmStart(cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['start'], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe.runIf(process.platform === 'linux')('the first `npm start` on a fresh install', () => {
  const base = mkdtempSync(join(tmpdir(), 'keydeck-first-run-'));
  const record = join(base, 'stub-record.txt');
  const requests: string[] = [];
  let server: Server;
  let mirror = '';
  let project = '';
  const zip = makeZip([
    { name: 'electron', data: STUB, mode: 0o755 },
    { name: 'version', data: version },
  ]);
  const worktreePathTxt = existsSync(join(root, 'node_modules/electron/path.txt'));

  // Only what the test sets reaches Electron's installer: no mirror or cache from the machine.
  const baseEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/electron/i.test(k)));
  const env = (cache: string): NodeJS.ProcessEnv => ({
    ...baseEnv,
    PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`,
    ELECTRON_MIRROR: mirror,
    electron_config_cache: cache,
    electron_use_remote_checksums: '1',
    ELECTRON_GET_NO_PROGRESS: '1',
    KEYDECK_STUB_RECORD: record,
  });

  beforeAll(async () => {
    const shasums = `${createHash('sha256').update(zip).digest('hex')} *${zipName}\n`;
    server = createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      if (req.url === `/v${version}/${zipName}`) res.writeHead(200, { 'content-type': 'application/zip', 'content-length': zip.length }).end(zip);
      else if (req.url === `/v${version}/SHASUMS256.txt`) res.writeHead(200, { 'content-type': 'text/plain' }).end(shasums);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    mirror = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    project = freshProject(base);
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(base, { recursive: true, force: true });
  });

  it('downloads the binary through Electron\'s installer, builds, and runs it with the app', async () => {
    const cache = join(base, 'cache-online');
    const started = Date.now();
    const run = await npmStart(project, env(cache));
    expect(run.code, run.stderr).toBe(0);

    // Electron's own installer fetched the zip and its checksum file from the mirror…
    expect(requests).toEqual(expect.arrayContaining([`GET /v${version}/${zipName}`, `GET /v${version}/SHASUMS256.txt`]));
    // …kept it in @electron/get's cache…
    const folders = readdirSync(cache);
    expect(folders).toHaveLength(1);
    expect(existsSync(join(cache, folders[0]!, zipName))).toBe(true);
    // …and unpacked it the way electron-vite looks for it.
    expect(readFileSync(join(project, 'node_modules/electron/path.txt'), 'utf8')).toBe('electron');
    expect(statSync(join(project, 'node_modules/electron/dist/electron')).mode & 0o111).not.toBe(0);

    // The stub ran from the project with the app folder, whose main entry was just built.
    const lines = readFileSync(record, 'utf8').trim().split('\n');
    expect(lines[0]).toBe(`cwd=${project}`);
    expect(lines[1]).toBe('arg=.');
    const main = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')).main as string;
    expect(main).toBe('out/main/index.js');
    expect(statSync(join(project, main)).mtimeMs).toBeGreaterThanOrEqual(started - 1000);
    expect(existsSync(join(project, 'out/renderer/index.html'))).toBe(true);

    // The worktree's own electron package was not touched.
    expect(existsSync(join(root, 'node_modules/electron/path.txt'))).toBe(worktreePathTxt);
  }, 180_000);

  it('starts again without downloading anything', async () => {
    rmSync(record, { force: true });
    const before = requests.length;
    const run = await npmStart(project, env(join(base, 'cache-online')));
    expect(run.code, run.stderr).toBe(0);
    expect(requests.length).toBe(before);
    expect(readFileSync(record, 'utf8')).toContain('arg=.');
  }, 180_000);

  it('offline: one clear paragraph naming the cached zip\'s exact place, no stack, non-zero exit', async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(join(project, 'node_modules/electron/dist'), { recursive: true, force: true });
    rmSync(join(project, 'node_modules/electron/path.txt'), { force: true });
    rmSync(record, { force: true });
    const cache = join(base, 'cache-offline');

    const run = await npmStart(project, env(cache));
    expect(run.code).not.toBe(0);
    const message = run.stderr.replace(/\n(?!\n)/g, ' ');
    expect(message).toContain(`Keydeck could not start: Electron ${version}`);
    expect(message).toContain('127.0.0.1');
    expect(message).toContain('ECONNREFUSED');
    expect(message).toContain('Nothing else is wrong');
    expect(message).toContain('ELECTRON_MIRROR=');
    // The very folder @electron/get used when it was online, under this run's cache root.
    const folder = readdirSync(join(base, 'cache-online'))[0]!;
    expect(message).toContain(join(cache, folder, zipName));
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(run.stderr).not.toMatch(/TypeError|fetch failed/);
    expect(existsSync(record)).toBe(false);
  }, 180_000);
});
