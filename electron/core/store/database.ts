import Database from 'better-sqlite3';
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../errors';
import { MIGRATIONS, type Migration } from './migrations';
import { cacheStatements } from './statement-cache';

export type Db = Database.Database;

/**
 * Opens (creating if needed) the metadata database. WAL lets the app and the CLI read while
 * the other writes; busy_timeout makes a writer wait for the other's lock instead of failing.
 */
export function openDatabase(file: string, migrations: Migration[] = MIGRATIONS): Db {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  let db: Db;
  try {
    ownerOnly(file);
    const opened = new Database(file);
    db = opened;
    cacheStatements(db);
    db.pragma('busy_timeout = 5000');
    retryBusy(() => opened.pragma('journal_mode = WAL'));
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // SQLite gives -wal and -shm the database file's mode; ones left by an older build are fixed here.
    for (const extra of ['-wal', '-shm']) ownerOnly(`${file}${extra}`, false);
  } catch {
    throw new AppError('storage_error', `Keydeck could not open its database at ${file}. Check that the folder is writable and the disk is not full.`);
  }
  migrate(db, migrations);
  return db;
}

/**
 * A brand-new file opened by several processes at once (four `keydeck` commands in a script):
 * switching it to WAL needs it alone for a moment, and SQLite may answer SQLITE_BUSY at once
 * instead of waiting out busy_timeout. Tried again for up to 5 s; any other error is final.
 */
function retryBusy<T>(fn: () => T, deadline = Date.now() + 5000): T {
  for (;;) {
    try {
      return fn();
    } catch (e) {
      if (!(e instanceof Database.SqliteError) || !e.code.startsWith('SQLITE_BUSY') || Date.now() > deadline) throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    }
  }
}

/**
 * The database holds names, masked forms and the audit log: only its owner may read it, even
 * when KEYDECK_DATA_DIR points into a folder others can list. Created 0600 before SQLite opens
 * it (so there is no moment it is wider), and narrowed if an older build left it 0644.
 */
function ownerOnly(path: string, create = true): void {
  try {
    if (create) closeSync(openSync(path, 'a', 0o600));
    chmodSync(path, 0o600);
  } catch (e) {
    // Absent (-wal before the first write) or not ours to change (a shared read-only copy): leave it.
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'EPERM') throw e;
  }
}

function migrate(db: Db, migrations: Migration[]): void {
  const latest = migrations.at(-1)?.version ?? 0;
  const check = (current: number) => {
    if (current > latest) {
      throw new AppError('storage_error', `This database was written by a newer Keydeck (schema ${current}, this build knows ${latest}). Update Keydeck.`);
    }
  };
  // A plain read first: a database already up to date (every start but the first after an
  // update) needs no write lock, so a read-only command never waits for another writer.
  const seen = db.pragma('user_version', { simple: true }) as number;
  check(seen);
  if (seen === latest) return;
  // IMMEDIATE takes the write lock first, so two processes starting together migrate once; the
  // version is read again under it, as the other may have migrated meanwhile.
  db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    check(current);
    for (const m of migrations) {
      if (m.version <= current) continue;
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }
  }).immediate();
}

/** One writer transaction per operation: take the lock up front rather than upgrade mid-way. */
export function write<T>(db: Db, fn: () => T): T {
  return db.transaction(fn).immediate();
}
