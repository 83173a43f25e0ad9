// Shipped migrations are never edited: add a new numbered file instead.
export default {
  version: 10,
  name: 'leak-findings',
  sql: `
    -- Where a key's exact value (or an encoding of it) was found. Never the value, never the
    -- line's text: the place only, so the finding can be fixed without reading the leak again.
    -- Empty strings instead of NULL in the identity columns so UNIQUE dedupes a rescan.
    CREATE TABLE leak_findings (
      id TEXT PRIMARY KEY,
      key_id TEXT NOT NULL,
      source_kind TEXT NOT NULL CHECK (source_kind IN ('git', 'work-tree', 'env-file', 'shell-history', 'file')),
      repo TEXT NOT NULL DEFAULT '',
      commit_id TEXT NOT NULL DEFAULT '',
      path TEXT NOT NULL,
      line INTEGER NOT NULL,
      encoding TEXT NOT NULL,
      exposed INTEGER NOT NULL DEFAULT 0,
      first_seen_at TEXT NOT NULL,
      last_seen_at TEXT NOT NULL,
      resolved_at TEXT,
      resolution TEXT CHECK (resolution IN ('marked', 'rotated', 'gone')),
      UNIQUE (key_id, source_kind, repo, commit_id, path, line, encoding)
    );
    CREATE INDEX leak_findings_open ON leak_findings(key_id) WHERE resolved_at IS NULL;

    -- What the user asked to be scanned: folders (repositories and .env files under them) and files.
    CREATE TABLE leak_sources (
      path TEXT PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('folder', 'file')),
      added_at TEXT NOT NULL
    );

    -- Per repository, the tips the last scan read up to and the keys it looked for, so the next
    -- scan reads only new objects (and the whole history only for a key added since).
    CREATE TABLE leak_repo_state (
      repo TEXT PRIMARY KEY,
      tips TEXT NOT NULL,
      key_ids TEXT NOT NULL,
      scanned_at TEXT NOT NULL
    );

    -- The last scans' reports (counts, skipped files, problems per source: never a secret).
    CREATE TABLE leak_scans (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      started_at TEXT NOT NULL,
      finished_at TEXT NOT NULL,
      trigger TEXT NOT NULL,
      report TEXT NOT NULL
    );
  `,
};
