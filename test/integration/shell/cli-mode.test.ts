import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyringSecretStore } from '../../../electron/core/store/keyring-secret-store';
import { cliModeArgs } from '../../../electron/main/cli-mode';
import { testService } from '../../helpers/test-core';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const builtMain = join(root, 'out/main/index.js');
const fake = join(root, 'test/integration/shell/electron-cli-fake.cjs');

describe('cliModeArgs', () => {
  it('takes the CLI arguments after the launcher\'s `--`, leaving Chromium\'s switches out', () => {
    expect(cliModeArgs(['/opt/Keydeck/keydeck-desktop', '--keydeck-cli', '--ozone-platform=headless', '--', 'keys', '--json'])).toEqual(['keys', '--json']);
    expect(cliModeArgs(['/opt/Keydeck/keydeck-desktop', '--keydeck-cli', 'keys'])).toEqual(['keys']);
    expect(cliModeArgs(['/opt/Keydeck/keydeck-desktop', '--keydeck-cli', '--', 'call', 'x', '--', 'y'])).toEqual(['call', 'x', '--', 'y']);
    expect(cliModeArgs(['/opt/Keydeck/keydeck-desktop'])).toBeNull();
    expect(cliModeArgs(['/opt/Keydeck/keydeck-desktop', '--hidden'])).toBeNull();
  });
});

/**
 * The installed `keydeck` command end to end, minus Electron's binary: the /usr/bin link → the
 * shipped launcher (electron/launch/keydeck) → "the app's binary", here plain Node running the BUILT
 * main bundle with `require('electron')` recorded (electron-cli-fake.cjs) → the real core, SQLite
 * file and keychain. Proves the CLI runs with no window, tray, lock or whenReady, and its streams work.
 */
describe('the app binary started as the `keydeck` command', () => {
  const base = mkdtempSync(join(tmpdir(), 'keydeck-cli-mode-'));
  const dataDir = join(base, 'data');
  const log = join(base, 'electron-calls.log');
  const service = testService();
  const command = join(base, 'usr/bin/keydeck');

  beforeAll(() => {
    const install = join(base, 'opt/Keydeck');
    mkdirSync(join(install, 'resources/bin'), { recursive: true });
    mkdirSync(join(base, 'usr/bin'), { recursive: true });
    const binary = join(install, 'keydeck-desktop');
    writeFileSync(binary, `#!/bin/sh\nexec '${process.execPath}' --require '${fake}' '${builtMain}' "$@"\n`);
    chmodSync(binary, 0o755);
    copyFileSync(join(root, 'electron/launch/keydeck'), join(install, 'resources/bin/keydeck'));
    chmodSync(join(install, 'resources/bin/keydeck'), 0o755);
    symlinkSync(join(install, 'resources/bin/keydeck'), command);
  });

  afterAll(async () => {
    const secrets = new KeyringSecretStore(service);
    for (const { account } of await secrets.find()) await secrets.delete(account);
    rmSync(base, { recursive: true, force: true });
  });

  function keydeck(args: string[], stdin = ''): Promise<{ code: number; stdout: string; stderr: string; calls: string[] }> {
    rmSync(log, { force: true });
    return new Promise((resolve, reject) => {
      const env = { ...process.env, KEYDECK_DATA_DIR: dataDir, KEYDECK_KEYCHAIN_SERVICE: service, KEYDECK_FAKE_ELECTRON_LOG: log };
      const child = spawn(command, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr, calls: readFileSync(log, 'utf8').trim().split('\n') }));
      child.stdin.end(stdin);
    });
  }

  it('imports a secret from stdin and lists it on stdout, touching nothing of Electron but app.exit', async () => {
    const imported = await keydeck(['import', '--name', 'from-keydeck-command', '--provider', 'kernle'], 'sk-cli-mode-000000000001\n');
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/^Imported k_[0-9a-f]{20}/);
    expect(imported.calls).toEqual([`argv ${JSON.stringify(['--keydeck-cli', '--ozone-platform=headless', '--', 'import', '--name', 'from-keydeck-command', '--provider', 'kernle'])}`, 'app.exit 0']);

    const listed = await keydeck(['keys', '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    const keys = JSON.parse(listed.stdout) as Array<{ name: string }>;
    expect(keys.map((k) => k.name)).toEqual(['from-keydeck-command']);
    expect(listed.stdout).not.toContain('sk-cli-mode-000000000001');
    expect(listed.calls.at(-1)).toBe('app.exit 0');
    expect(listed.calls.join('\n')).not.toMatch(/requestSingleInstanceLock|whenReady|BrowserWindow|Tray|setPath|registerSchemesAsPrivileged/);
  });

  it('exits with the CLI\'s own codes: 2 for usage, 1 for a refused call', async () => {
    const usage = await keydeck([]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('keydeck');
    expect(usage.calls.at(-1)).toBe('app.exit 2');

    const refused = await keydeck(['reveal', 'k_missing']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^error \[not_found\]/m);
    expect(refused.calls.at(-1)).toBe('app.exit 1');
  });

  it('says what to do when the app next to the command is gone', async () => {
    rmSync(join(base, 'opt/Keydeck/keydeck-desktop'));
    const child = spawn(command, ['keys'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('reinstall Keydeck');
  });
});
