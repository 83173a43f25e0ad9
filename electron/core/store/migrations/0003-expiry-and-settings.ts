// Shipped migrations are never edited: add a new numbered file instead.
export default {
  version: 3,
  name: 'expiry-and-settings',
  sql: `
    -- Per-key warning tiers (JSON array of days, e.g. [30,7,1]); NULL = the global setting.
    ALTER TABLE keys ADD COLUMN warn_days TEXT;
    -- Start of a validity window (Kinesis PATs are invalid before it).
    ALTER TABLE keys ADD COLUMN valid_from TEXT;
    -- Set on the old key when a rotation replaced it: it is retiring, not a thing to warn about.
    ALTER TABLE keys ADD COLUMN superseded_by TEXT;

    -- What the watcher last told the user about each key: survives restarts, so a tier is
    -- announced once, ever. No foreign key: a deleted key's row is how the watcher knows to
    -- withdraw its notification.
    CREATE TABLE expiry_state (
      key_id TEXT PRIMARY KEY,
      tier TEXT NOT NULL,
      severity INTEGER NOT NULL,
      snoozed INTEGER NOT NULL DEFAULT 0,
      changed_at TEXT NOT NULL
    );

    CREATE TABLE settings (
      name TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );
  `,
};
