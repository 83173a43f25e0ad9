import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { KeyringSecretStore } from '../../../electron/core/store/keyring-secret-store';
import { testService } from '../../helpers/test-core';
import { CLI, cliEnv, runCli } from '../../helpers/cli';

describe('the keychain adapter on the real Secret Service', () => {
  const service = testService();
  const store = new KeyringSecretStore(service);
  afterEach(async () => {
    for (const { account } of await store.find()) await store.delete(account);
  });

  it('stores, reads and deletes a secret', async () => {
    await store.set('k_roundtrip', 'sk_roundtrip_value_123');
    expect(await store.get('k_roundtrip')).toBe('sk_roundtrip_value_123');
    expect(await store.delete('k_roundtrip')).toBe(true);
    expect(await store.get('k_roundtrip')).toBeNull();
    expect(await store.delete('k_roundtrip')).toBe(false);
  });

  it('overwrites in place instead of adding a second item', async () => {
    await store.set('k_twice', 'first-value');
    await store.set('k_twice', 'second-value');
    expect(await store.get('k_twice')).toBe('second-value');
    expect((await store.find()).filter((c) => c.account === 'k_twice')).toHaveLength(1);
  });

  it('writes items other programs see under the service name', async () => {
    await store.set('k_visible', 'sk_visible_from_outside');
    // secret-tool prints labels on stdout and attributes on stderr.
    const search = spawnSync('secret-tool', ['search', '--all', 'service', service], { encoding: 'utf8' });
    const out = search.stdout + search.stderr;
    const lookup = execFileSync('secret-tool', ['lookup', 'service', service, 'username', 'k_visible'], { encoding: 'utf8' });
    expect(out).toContain('attribute.username = k_visible');
    expect(lookup).toBe('sk_visible_from_outside');
  });

  it('lists accounts of its own service only', async () => {
    const other = new KeyringSecretStore(testService());
    await store.set('k_mine', 'a-value-1');
    await other.set('k_theirs', 'a-value-2');
    try {
      expect((await store.find()).map((c) => c.account)).toEqual(['k_mine']);
    } finally {
      await other.delete('k_theirs');
    }
  });

  it('keeps its entries valid when another adapter (another process) writes or deletes the item', async () => {
    const other = new KeyringSecretStore(service);
    await store.set('k_shared', 'first-shared-value');
    expect(await other.get('k_shared')).toBe('first-shared-value');
    expect(await other.delete('k_shared')).toBe(true);
    expect(await store.get('k_shared')).toBeNull();
    await other.set('k_shared', 'second-shared-value');
    expect(await store.get('k_shared')).toBe('second-shared-value');
  });

  it('answers every account right when it holds fewer entries than accounts in use', async () => {
    const small = new KeyringSecretStore(service, 2);
    const accounts = ['k_a', 'k_b', 'k_c', 'k_d', 'k_e'];
    for (const a of accounts) await small.set(a, `value-of-${a}`);
    for (const a of [...accounts].reverse()) expect(await small.get(a)).toBe(`value-of-${a}`);
    for (const a of accounts) expect(await small.delete(a)).toBe(true);
    for (const a of accounts) expect(await small.get(a)).toBeNull();
  });
});

describe('when there is no usable keychain', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('says keychain_unavailable with what to do, and stores nothing anywhere', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'keydeck-nokeychain-'));
    dirs.push(dataDir);
    const env = cliEnv(dataDir, testService(), { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/keydeck-test-bus' });
    const run = await runCli(['call', 'keys.import', '-'], { env, stdin: JSON.stringify({ name: 'x', provider: 'kernle', secret: 'sk-no-keychain-0001' }) });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error [keychain_unavailable]');
    expect(run.stderr).toContain('unlock your keyring');
    expect(run.stderr).not.toContain('sk-no-keychain-0001');
    const db = new Database(join(dataDir, 'keydeck.sqlite'), { readonly: true });
    expect(db.prepare('SELECT COUNT(*) AS n FROM keys').get()).toEqual({ n: 0 });
    db.close();
  });

  it('says keychain_locked when the Secret Service runs but has no unlocked collection', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'keydeck-locked-'));
    const xdg = mkdtempSync(join(tmpdir(), 'keydeck-locked-xdg-'));
    dirs.push(dataDir, xdg);
    // A fresh D-Bus session whose keyring daemon was started but never unlocked.
    const script = `gnome-keyring-daemon --start --components=secrets >/dev/null 2>&1; printf '%s' '{"name":"x","provider":"kernle","secret":"sk-locked-0001"}' | node "${CLI}" call keys.import -`;
    const r = spawnSync('dbus-run-session', ['--', 'sh', '-c', script], {
      env: { ...cliEnv(dataDir, testService()), XDG_DATA_HOME: xdg, XDG_RUNTIME_DIR: xdg, PATH: `${join(process.execPath, '..')}:${process.env.PATH}` },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('error [keychain_locked]');
    expect(r.stderr).not.toContain('sk-locked-0001');
  });

  it('refuses a write into a collection locked after use (why a write need not be read back): nothing is added, the earlier key is kept', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'keydeck-relocked-'));
    const xdg = mkdtempSync(join(tmpdir(), 'keydeck-relocked-xdg-'));
    dirs.push(dataDir, xdg);
    const importKey = (name: string, secret: string) => `printf '%s' '{"name":"${name}","provider":"kernle","secret":"${secret}"}' | node "${CLI}" call keys.import - >/dev/null`;
    const lock = 'dbus-send --session --print-reply --dest=org.freedesktop.secrets /org/freedesktop/secrets org.freedesktop.Secret.Service.Lock array:objpath:/org/freedesktop/secrets/collection/login >/dev/null';
    // An unlocked login collection takes the first key; locked over D-Bus, it must refuse the second.
    const script = [
      'printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1',
      'gnome-keyring-daemon --start --components=secrets >/dev/null 2>&1',
      `${importKey('before', 'sk-relocked-before-0001')} && echo first stored`,
      `${lock} && echo locked`,
      `${importKey('after', 'sk-relocked-after-0002')}; echo "second exited $?"`,
    ].join('\n');
    const r = spawnSync('dbus-run-session', ['--', 'sh', '-c', script], {
      env: { ...cliEnv(dataDir, testService()), XDG_DATA_HOME: xdg, XDG_RUNTIME_DIR: xdg, DISPLAY: '', WAYLAND_DISPLAY: '', PATH: `${join(process.execPath, '..')}:${process.env.PATH}` },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.stdout).toContain('first stored\nlocked\nsecond exited 1');
    expect(r.stderr).toContain('error [keychain_locked]');
    expect(r.stderr).not.toContain('sk-relocked');
    const db = new Database(join(dataDir, 'keydeck.sqlite'), { readonly: true });
    expect(db.prepare('SELECT name FROM keys').all()).toEqual([{ name: 'before' }]);
    db.close();
  });
});
