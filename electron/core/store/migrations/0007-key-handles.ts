// Shipped migrations are never edited: add a new numbered file instead.
export default {
  version: 7,
  name: 'key-handles',
  sql: `
    -- A name the user gives a key where its name clashes with another key's in the same workspace:
    -- keydeck://<workspace>/<handle>. Unique per workspace (keys outside any workspace share one
    -- space), compared without case, because references are.
    ALTER TABLE keys ADD COLUMN handle TEXT;
    CREATE UNIQUE INDEX keys_handle ON keys (IFNULL(workspace_id, ''), lower(handle)) WHERE handle IS NOT NULL;
    CREATE INDEX keys_superseded_by ON keys (superseded_by) WHERE superseded_by IS NOT NULL;
  `,
};
