// Shipped migrations are never edited: add a new numbered file instead.
export default {
  version: 4,
  name: 'rotation',
  sql: `
    -- A retirement still to do for an old key: 'api' = Keydeck deletes it through the API at
    -- grace_until (sub-day grace, or kernel.sh without /rotate); 'web-ui' = the user revokes it in
    -- the service's web app and Keydeck confirms it answers 401. Survives restarts by living here.
    ALTER TABLE keys ADD COLUMN retire_mode TEXT CHECK (retire_mode IN ('api', 'web-ui'));

    -- Where a key is used: an env var in a .env file. Paths only, never a value.
    CREATE TABLE key_usages (
      id TEXT PRIMARY KEY,
      key_id TEXT NOT NULL,
      env_var TEXT NOT NULL,
      file_path TEXT NOT NULL,
      created_at TEXT NOT NULL,
      last_written_at TEXT,
      last_outcome TEXT,
      UNIQUE (key_id, env_var, file_path)
    );
    CREATE INDEX key_usages_key ON key_usages(key_id);
  `,
};
