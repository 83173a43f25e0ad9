// Shipped migrations are never edited: add a new numbered file instead.
export default {
  version: 5,
  name: 'refresh-backoff',
  sql: `
    -- Set from a 429's Retry-After: no automatic refresh of this workspace before then.
    ALTER TABLE workspace_sync ADD COLUMN retry_after TEXT;
  `,
};
