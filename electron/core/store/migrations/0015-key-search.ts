// Shipped migrations are never edited: add a new numbered file instead.
const COLUMNS = 'name, masked, scopes, project_id';
const add = (row: 'NEW' | 'OLD') => `INSERT INTO keys_search (rowid, ${COLUMNS}) VALUES (${row}.rowid, ${row}.name, ${row}.masked, ${row}.scopes, ${row}.project_id);`;
const remove = `INSERT INTO keys_search (keys_search, rowid, ${COLUMNS}) VALUES ('delete', OLD.rowid, OLD.name, OLD.masked, OLD.scopes, OLD.project_id);`;

export default {
  version: 15,
  name: 'key-search',
  sql: `
    -- A search of three characters or more is answered from a trigram index of what a person
    -- remembers of a key (name, masked form, scopes, project), not by comparing every key's text:
    -- at 10,000 keys a narrow search took ~1.6 ms of a 2 ms target. Kept by triggers, so every
    -- writer keeps it; only the four columns' changes touch it.
    CREATE VIRTUAL TABLE keys_search USING fts5(${COLUMNS}, content='keys', content_rowid='rowid', tokenize='trigram');
    INSERT INTO keys_search (keys_search) VALUES ('rebuild');
    CREATE TRIGGER keys_search_insert AFTER INSERT ON keys BEGIN ${add('NEW')} END;
    CREATE TRIGGER keys_search_delete AFTER DELETE ON keys BEGIN ${remove} END;
    CREATE TRIGGER keys_search_update AFTER UPDATE OF ${COLUMNS} ON keys BEGIN ${remove} ${add('NEW')} END;
  `,
};
