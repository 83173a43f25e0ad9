export default {
  version: 9,
  name: 'key-list-order',
  sql: `
    -- The key list is always ordered by name without case, then age: an index in that order lets
    -- SQLite walk it instead of sorting every row through a temporary B-tree on each call.
    CREATE INDEX keys_name_order ON keys (lower(name), created_at);
  `,
};
