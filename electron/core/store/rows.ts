/** Column shapes as SQLite returns them. Mapping to domain types happens in the services. */
export interface WorkspaceRow {
  id: string;
  name: string;
  provider: string;
  base_url: string;
  environment: string;
  color: string;
  management_key_id: string | null;
  /** JSON `ProviderOptions`, or NULL for the provider's defaults. */
  provider_options?: string | null;
  /** Lifetime policy (migration 0011): NULL / 0 = no rule. */
  policy_max_days?: number | null;
  policy_no_never?: number;
  policy_rotate_days?: number | null;
  created_at: string;
  updated_at: string;
  key_count?: number;
  last_synced_at?: string | null;
}

export interface KeyRow {
  id: string;
  workspace_id: string | null;
  provider: string;
  remote_id: string | null;
  name: string;
  masked: string;
  fingerprint: string | null;
  scopes: string;
  project_id: string | null;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
  grace_until: string | null;
  remote_deleted_at: string | null;
  has_secret: number;
  source: string;
  updated_at: string;
  warn_days?: string | null;
  valid_from?: string | null;
  superseded_by?: string | null;
  handle?: string | null;
}

export interface AuditRow {
  id: number;
  at: string;
  kind: string;
  key_id: string | null;
  workspace_id: string | null;
  summary: string;
}
