// Shipped migrations are never edited: add a new numbered file instead.
export default {
  version: 14,
  name: 'change-counters',
  sql: `
    -- How often the workspaces (with their sync state), the rotation journal and the leak findings
    -- have changed, by any process: with the key change log (0013), the change feed tells a window
    -- which of its views another process changed. An audit entry alone (every \`keydeck read\`) no
    -- longer makes the window fetch its whole key list again.
    CREATE TABLE change_counters (name TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
    INSERT INTO change_counters (name, n) VALUES ('workspaces', 0), ('rotations', 0), ('leaks', 0);
    CREATE TRIGGER workspaces_counted_insert AFTER INSERT ON workspaces BEGIN UPDATE change_counters SET n = n + 1 WHERE name = 'workspaces'; END;
    CREATE TRIGGER workspaces_counted_update AFTER UPDATE ON workspaces BEGIN UPDATE change_counters SET n = n + 1 WHERE name = 'workspaces'; END;
    CREATE TRIGGER workspaces_counted_delete AFTER DELETE ON workspaces BEGIN UPDATE change_counters SET n = n + 1 WHERE name = 'workspaces'; END;
    CREATE TRIGGER workspace_sync_counted_insert AFTER INSERT ON workspace_sync BEGIN UPDATE change_counters SET n = n + 1 WHERE name = 'workspaces'; END;
    CREATE TRIGGER workspace_sync_counted_update AFTER UPDATE ON workspace_sync BEGIN UPDATE change_counters SET n = n + 1 WHERE name = 'workspaces'; END;
    CREATE TRIGGER workspace_sync_counted_delete AFTER DELETE ON workspace_sync BEGIN UPDATE change_counters SET n = n + 1 WHERE name = 'workspaces'; END;
    CREATE TRIGGER rotations_counted_insert AFTER INSERT ON rotations BEGIN UPDATE change_counters SET n = n + 1 WHERE name = 'rotations'; END;
    CREATE TRIGGER rotations_counted_update AFTER UPDATE ON rotations BEGIN UPDATE change_counters SET n = n + 1 WHERE name = 'rotations'; END;
    CREATE TRIGGER rotations_counted_delete AFTER DELETE ON rotations BEGIN UPDATE change_counters SET n = n + 1 WHERE name = 'rotations'; END;
    CREATE TRIGGER leak_findings_counted_insert AFTER INSERT ON leak_findings BEGIN UPDATE change_counters SET n = n + 1 WHERE name = 'leaks'; END;
    CREATE TRIGGER leak_findings_counted_update AFTER UPDATE ON leak_findings BEGIN UPDATE change_counters SET n = n + 1 WHERE name = 'leaks'; END;
    CREATE TRIGGER leak_findings_counted_delete AFTER DELETE ON leak_findings BEGIN UPDATE change_counters SET n = n + 1 WHERE name = 'leaks'; END;
  `,
};
