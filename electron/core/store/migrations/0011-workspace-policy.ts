// Shipped migrations are never edited: add a new numbered file instead.
export default {
  version: 11,
  name: 'workspace-policy',
  sql: `
    -- A workspace's lifetime policy (issue 14). NULL / 0 = no rule. Services whose keys can expire
    -- use the first two; services whose keys never expire use the rotation age instead.
    ALTER TABLE workspaces ADD COLUMN policy_max_days INTEGER;
    ALTER TABLE workspaces ADD COLUMN policy_no_never INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE workspaces ADD COLUMN policy_rotate_days INTEGER;
  `,
};
