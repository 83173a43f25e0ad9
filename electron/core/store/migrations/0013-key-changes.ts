// Shipped migrations are never edited: add a new numbered file instead.
export default {
  version: 13,
  name: 'key-changes',
  sql: `
    -- Which keys changed, in order, by any process (triggers, so every writer counts): the key
    -- list's cache re-reads just those rows (vault/summary-cache.ts), and writes that touch no key
    -- (an audit entry from each \`keydeck read\`, a setting, a journal step) no longer make it read
    -- every key again (~60 ms at 10,000 keys each time). The newest 20,000 entries are kept; a cache
    -- older than that reads everything.
    CREATE TABLE key_changes (seq INTEGER PRIMARY KEY AUTOINCREMENT, key_rowid INTEGER NOT NULL);
    CREATE TRIGGER keys_changed_insert AFTER INSERT ON keys BEGIN
      INSERT INTO key_changes (key_rowid) VALUES (NEW.rowid);
      DELETE FROM key_changes WHERE seq <= (SELECT max(seq) FROM key_changes) - 20000;
    END;
    CREATE TRIGGER keys_changed_update AFTER UPDATE ON keys BEGIN
      INSERT INTO key_changes (key_rowid) VALUES (NEW.rowid);
      DELETE FROM key_changes WHERE seq <= (SELECT max(seq) FROM key_changes) - 20000;
    END;
    CREATE TRIGGER keys_changed_delete AFTER DELETE ON keys BEGIN
      INSERT INTO key_changes (key_rowid) VALUES (OLD.rowid);
      DELETE FROM key_changes WHERE seq <= (SELECT max(seq) FROM key_changes) - 20000;
    END;
  `,
};
