// Shipped migrations are never edited: add a new numbered file instead.
export default {
  version: 8,
  name: 'provider-options',
  sql: `
    -- Per-workspace provider settings as JSON (the verify request of Kinesis and "Other token"):
    -- names and paths only, never a secret. NULL = the provider's defaults.
    ALTER TABLE workspaces ADD COLUMN provider_options TEXT;
  `,
};
