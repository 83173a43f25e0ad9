import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/store/database';

/** Migration 0013: the log the key list's cache follows. */
describe('the key change log', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('records every insert, update and delete of a key by rowid, and nothing else; keeps the newest 20,000 entries', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keydeck-changes-'));
    dirs.push(dir);
    const db = openDatabase(join(dir, 'k.sqlite'));
    try {
      const log = () => db.prepare(`SELECT key_rowid FROM key_changes ORDER BY seq`).pluck().all() as number[];
      const insert = db.prepare(`INSERT INTO keys (id, provider, name, masked, created_at, source, updated_at) VALUES (?, 'other', ?, 'sk-…0001', '2026-01-01T00:00:00.000Z', 'imported', '2026-01-01T00:00:00.000Z')`);
      const a = Number(insert.run('k_a', 'a').lastInsertRowid);
      const b = Number(insert.run('k_b', 'b').lastInsertRowid);
      db.prepare(`UPDATE keys SET name = 'b2' WHERE id = 'k_b'`).run();
      db.prepare(`INSERT INTO audit_events (at, kind, summary) VALUES ('2026-01-01T00:00:00.000Z', 'revealed', 'x')`).run();
      db.prepare(`DELETE FROM keys WHERE id = 'k_a'`).run();
      expect(log()).toEqual([a, b, b, a]);
      db.transaction(() => {
        const touch = db.prepare(`UPDATE keys SET last_used_at = ? WHERE id = 'k_b'`);
        for (let i = 0; i < 20_010; i++) touch.run(String(i));
      })();
      expect(db.prepare(`SELECT count(*) FROM key_changes`).pluck().get()).toBe(20_000);
      expect(db.prepare(`SELECT max(seq) - min(seq) FROM key_changes`).pluck().get()).toBe(19_999);
    } finally {
      db.close();
    }
  });
});
