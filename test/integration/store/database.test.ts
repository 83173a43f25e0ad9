import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/store/database';
import { MIGRATIONS } from '../../../electron/core/store/migrations';
import Database from 'better-sqlite3';
import { AppError } from '../../../electron/core/errors';
import { clientFor, makeTestCore, must } from '../../helpers/test-core';
import { cliEnv, runCli } from '../../helpers/cli';

describe('the metadata database', () => {
  const dirs: string[] = [];
  const tmp = () => {
    const d = mkdtempSync(join(tmpdir(), 'keydeck-db-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('runs numbered migrations once, in WAL mode with a busy timeout', () => {
    const file = join(tmp(), 'k.sqlite');
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
    const again = openDatabase(file); // a second open must not re-run 0001 (it would fail on CREATE TABLE)
    expect(again.prepare(`SELECT name FROM sqlite_master WHERE type='table' ORDER BY name`).all().map((r) => (r as { name: string }).name))
      .toEqual(expect.arrayContaining(['audit_events', 'keys', 'rotations', 'workspaces']));
    again.close();
  });

  it('has no column that could hold a secret', () => {
    const db = openDatabase(join(tmp(), 'k.sqlite'));
    const cols = (db.prepare(`SELECT name FROM pragma_table_info('keys')`).all() as Array<{ name: string }>).map((c) => c.name);
    expect(cols).not.toContain('secret');
    expect(cols).not.toContain('value');
    expect(cols).toContain('fingerprint');
    db.close();
  });

  it('refuses a database from a newer Keydeck instead of corrupting it', () => {
    const file = join(tmp(), 'k.sqlite');
    openDatabase(file).close();
    const db = openDatabase(file);
    db.pragma('user_version = 999');
    db.close();
    expect(() => openDatabase(file)).toThrow(AppError);
    expect(() => openDatabase(file)).toThrow(/newer Keydeck/);
  });

  it('takes writes from the app and two CLI processes at the same time without losing any', async () => {
    const core = makeTestCore();
    const api = clientFor(core.router);
    try {
      const env = cliEnv(core.dataDir, core.service);
      const cliWriter = async (tag: string) => {
        for (let i = 0; i < 4; i++) {
          const r = await runCli(['call', 'keys.import', '-'], { env, stdin: JSON.stringify({ name: `${tag}-${i}`, provider: 'kernle', secret: `sk-${tag}-${i}-concurrent-value` }) });
          expect(r.stderr).toBe('');
          expect(r.code).toBe(0);
        }
      };
      const appWriter = async () => {
        for (let i = 0; i < 8; i++) await must(api.invoke('keys.import', { name: `app-${i}`, provider: 'kernle', secret: `sk-app-${i}-concurrent-value` }));
      };
      await Promise.all([cliWriter('cli1'), cliWriter('cli2'), appWriter()]);
      const names = (await must(api.invoke('keys.list', {}))).map((k) => k.name);
      expect(names).toHaveLength(16);
      expect(new Set(names).size).toBe(16);
      expect(await must(api.invoke('audit.list', {}))).toHaveLength(16);
    } finally {
      await core.cleanup();
    }
  });

  it('opens an up-to-date database while another process holds the write lock, and migrates under the lock', () => {
    const file = join(tmp(), 'k.sqlite');
    openDatabase(file).close();
    const other = new Database(file);
    other.pragma('busy_timeout = 0');
    other.exec('BEGIN IMMEDIATE');
    try {
      // Before, every open took the write lock for its migration check: this waited 5 s, then failed.
      const db = openDatabase(file);
      expect(db.prepare(`SELECT count(*) AS n FROM keys`).get()).toEqual({ n: 0 });
      db.close();
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    // A migration still runs once, in its own write transaction.
    const next = { version: MIGRATIONS.at(-1)!.version + 1, name: 'probe', sql: 'CREATE TABLE probe (x INTEGER)' };
    const migrated = openDatabase(file, [...MIGRATIONS, next]);
    expect(migrated.pragma('user_version', { simple: true })).toBe(next.version);
    migrated.close();
    openDatabase(file, [...MIGRATIONS, next]).close(); // the probe table is not created twice
  });
});
