// Shipped migrations are never edited: add a new numbered file instead.
export default {
  version: 2,
  name: 'workspace-sync',
  sql: `
    -- What Keydeck knows about a connected workspace beyond its settings: kept apart from
    -- workspaces so the vault's queries stay as they are. Never a secret here.
    CREATE TABLE workspace_sync (
      workspace_id TEXT PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
      -- kernel.sh: the project the workspace is scoped to (sent as X-Kernel-Project-Id).
      project_id TEXT,
      -- Kernle: 'A' or 'B', learned once so later runs need no detection call.
      api_shape TEXT,
      identity TEXT,
      last_synced_at TEXT,
      last_error_code TEXT,
      last_error_at TEXT
    );
  `,
};
