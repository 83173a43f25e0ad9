// Shipped migrations are never edited: add a new numbered file instead.
export default {
  version: 12,
  name: 'key-list-search',
  sql: `
    -- The list order, written out in full (keys-repo.ts LIST_ORDER): name without case, age, then
    -- the exact name and the masked form, so keys that share a name and a creation time still come
    -- in one order whichever index answers. keys_name_order answers the unfiltered list.
    DROP INDEX keys_name_order;
    CREATE INDEX keys_name_order ON keys (lower(name), created_at, name, masked);
    -- A search or a status filter walks this one in list order: every column the filters read is in
    -- it, so SQLite neither sorts the matches nor visits the table, and the cost stays linear in the
    -- number of keys (a scan and sort grew ×1.4 per key from 1,000 to 50,000 keys).
    CREATE INDEX keys_list_filter ON keys (
      lower(name), created_at, name, masked, scopes, project_id, workspace_id, provider,
      revoked_at, remote_deleted_at, grace_until, expires_at, superseded_by
    );
  `,
};
