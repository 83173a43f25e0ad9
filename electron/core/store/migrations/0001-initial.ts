// Shipped migrations are never edited: add a new numbered file instead.
export default {
  version: 1,
  name: 'initial',
  sql: `
    CREATE TABLE workspaces (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      provider TEXT NOT NULL,
      base_url TEXT NOT NULL,
      environment TEXT NOT NULL CHECK (environment IN ('dev', 'staging', 'prod')),
      color TEXT NOT NULL,
      management_key_id TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );

    -- No secret column by design: the value lives only in the OS keychain.
    -- fingerprint is an HMAC keyed by a keychain-held key, for duplicate detection only.
    CREATE TABLE keys (
      id TEXT PRIMARY KEY,
      workspace_id TEXT REFERENCES workspaces(id) ON DELETE RESTRICT,
      provider TEXT NOT NULL,
      remote_id TEXT,
      name TEXT NOT NULL,
      masked TEXT NOT NULL,
      fingerprint TEXT,
      scopes TEXT NOT NULL DEFAULT '[]',
      project_id TEXT,
      created_at TEXT NOT NULL,
      expires_at TEXT,
      last_used_at TEXT,
      revoked_at TEXT,
      grace_until TEXT,
      remote_deleted_at TEXT,
      has_secret INTEGER NOT NULL DEFAULT 0,
      source TEXT NOT NULL CHECK (source IN ('imported', 'created', 'synced')),
      updated_at TEXT NOT NULL
    );
    CREATE INDEX keys_workspace ON keys(workspace_id);
    CREATE UNIQUE INDEX keys_fingerprint ON keys(fingerprint) WHERE fingerprint IS NOT NULL;
    CREATE UNIQUE INDEX keys_remote ON keys(workspace_id, remote_id) WHERE remote_id IS NOT NULL;

    CREATE TABLE audit_events (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      at TEXT NOT NULL,
      kind TEXT NOT NULL,
      key_id TEXT,
      workspace_id TEXT,
      summary TEXT NOT NULL
    );
    CREATE INDEX audit_key ON audit_events(key_id, id);
    CREATE INDEX audit_workspace ON audit_events(workspace_id, id);

    -- Written before the first network call of a rotation, so a crash can always be reconciled.
    CREATE TABLE rotations (
      id TEXT PRIMARY KEY,
      key_id TEXT NOT NULL,
      workspace_id TEXT,
      provider TEXT NOT NULL,
      plan TEXT NOT NULL,
      step TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('running', 'uncertain', 'done', 'failed', 'needs_attention')),
      new_key_id TEXT NOT NULL,
      new_remote_id TEXT,
      error_code TEXT,
      detail TEXT NOT NULL DEFAULT '{}',
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX rotations_open ON rotations(state) WHERE state IN ('running', 'uncertain', 'needs_attention');
  `,
};
