import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/core/store/database';
import { cacheStatements } from '../../../electron/core/store/statement-cache';

/** better-sqlite3 keeps native memory for every fresh statement (~2.5 KB, not returned by GC): the core reuses them. */
describe('prepared statements are reused', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));
  const db = (): Db => {
    const dir = mkdtempSync(join(tmpdir(), 'keydeck-stmt-'));
    const opened = openDatabase(join(dir, 'k.sqlite'));
    cleanups.push(() => (opened.close(), rmSync(dir, { recursive: true, force: true })));
    opened.exec(`CREATE TABLE t (a INTEGER, b TEXT); INSERT INTO t VALUES (1, 'one'), (2, 'two')`);
    return opened;
  };

  it('the same SQL gets the same statement, including the change feed’s PRAGMA data_version', () => {
    const d = db();
    expect(d.prepare('SELECT a FROM t')).toBe(d.prepare('SELECT a FROM t'));
    expect(d.prepare('PRAGMA data_version')).toBe(d.prepare('PRAGMA data_version'));
    expect(d.prepare('SELECT a FROM t')).not.toBe(d.prepare('SELECT b FROM t'));
  });

  it('a reused statement answers as a fresh one would, whatever mode the last caller chained', () => {
    const d = db();
    const sql = 'SELECT a, b FROM t ORDER BY a';
    expect(d.prepare(sql).pluck().all()).toEqual([1, 2]);
    expect(d.prepare(sql).all()).toEqual([{ a: 1, b: 'one' }, { a: 2, b: 'two' }]);
    expect(d.prepare(sql).raw().get()).toEqual([1, 'one']);
    expect(d.prepare(sql).get()).toEqual({ a: 1, b: 'one' });
    // Statements that return no data have no row mode: reused as they are.
    const insert = 'INSERT INTO t VALUES (?, ?)';
    expect(d.prepare(insert).run(3, 'three').changes).toBe(1);
    expect(d.prepare(insert).run(4, 'four').changes).toBe(1);
    expect(d.prepare('SELECT count(*) FROM t').pluck().get()).toBe(4);
  });

  it('a statement still iterating is not handed to a second caller', () => {
    const d = db();
    const sql = 'SELECT a FROM t ORDER BY a';
    const outer = d.prepare(sql).pluck();
    const seen: Array<[number, number[]]> = [];
    for (const a of outer.iterate()) seen.push([a as number, d.prepare(sql).pluck().all() as number[]]);
    expect(seen).toEqual([[1, [1, 2]], [2, [1, 2]]]);
    expect(d.prepare(sql)).toBe(outer);
  });

  it('keeps at most its bound, dropping the least recently used', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keydeck-stmt-'));
    const raw = new Database(join(dir, 'k.sqlite'));
    cleanups.push(() => (raw.close(), rmSync(dir, { recursive: true, force: true })));
    cacheStatements(raw, 2);
    const a = raw.prepare('SELECT 1');
    const b = raw.prepare('SELECT 2');
    expect(raw.prepare('SELECT 1')).toBe(a); // now the most recent
    raw.prepare('SELECT 3'); // over the bound: SELECT 2 goes
    expect(raw.prepare('SELECT 1')).toBe(a);
    expect(raw.prepare('SELECT 2')).not.toBe(b);
  });
});
