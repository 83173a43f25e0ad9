// Shipped migrations are never edited: add a new numbered file instead.

/** Triggers that count every insert, update and delete on `table` under `counter`. */
const counted = (table: string, counter: string) =>
  ['INSERT', 'UPDATE', 'DELETE']
    .map((op) => `CREATE TRIGGER ${table}_counted_${op.toLowerCase()} AFTER ${op} ON ${table} BEGIN UPDATE change_counters SET n = n + 1 WHERE name = '${counter}'; END;`)
    .join('\n    ');

export default {
  version: 14,
  name: 'change-counters',
  sql: `
    -- How often the workspaces (with their sync state), the rotation journal, the keys' recorded
    -- usages and the leak finder's findings and sources have changed, by any process: with the key
    -- change log (0013), the change feed tells a window
    -- which of its views another process changed. An audit entry alone (every \`keydeck read\`) no
    -- longer makes the window fetch its whole key list again.
    CREATE TABLE change_counters (name TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
    INSERT INTO change_counters (name, n) VALUES ('workspaces', 0), ('rotations', 0), ('usages', 0), ('leaks', 0);
    ${counted('workspaces', 'workspaces')}
    ${counted('workspace_sync', 'workspaces')}
    ${counted('rotations', 'rotations')}
    ${counted('key_usages', 'usages')}
    ${counted('leak_findings', 'leaks')}
    ${counted('leak_sources', 'leaks')}
  `,
};
