import type { ProviderId, VerifyRequest } from '../../../shared/domain';

/** Where and as whom a client talks: one workspace's base URL and management token. */
export interface Connection {
  baseUrl: string;
  token: string;
  /** Identifies the workspace for per-workspace caches (Kernle's API shape). */
  workspaceKey: string;
  /** kernel.sh: sent as X-Kernel-Project-Id and used as the default project of new keys. */
  projectId?: string | null;
  /** The workspace's own verify call, where its provider lets a workspace choose one. */
  verify?: VerifyRequest | null;
}

/** A key as the service lists it: metadata only, never a secret. */
export interface RemoteKey {
  remoteId: string;
  name: string;
  /** The service's masked or prefix form, as the service shows it. */
  masked: string;
  scopes: string[];
  projectId: string | null;
  createdAt: string | null;
  expiresAt: string | null;
  lastUsedAt: string | null;
  /** False when the key still exists remotely but no longer works (Kernle inactive or revoked). */
  active: boolean;
  revokedAt: string | null;
  /** Set when the service reports the key deleted (kernel.sh soft delete). */
  deletedAt: string | null;
}

/** A key the service just made: the only moment its plaintext exists. */
export interface CreatedKey {
  key: RemoteKey;
  secret: string;
}

export interface Identity {
  /** Something a person recognises: user name, e-mail or account id. */
  label: string;
  userId: string | null;
  /** kernel.sh: the project a project-scoped key is confined to, when known. */
  projectId?: string | null;
}

export interface CreateKeyInput {
  name: string;
  /** kernel.sh: 1–3650 or null for never; ignored by services without expiry. */
  expiresInDays?: number | null;
  projectId?: string | null;
}

export interface RotateOptions {
  /** Lifetime of the new key; absent = the service's default (kernel.sh: reuse the old key's). */
  expiresInDays?: number | null;
  /** How long the old key keeps working (kernel.sh `expire_in_days`; absent = 7). */
  graceDays?: number;
  /**
   * When the service has no rotate endpoint (kernel.sh answering 404/405): delete the old key
   * right after creating the new one (default), or keep it for the caller to delete after redeploying.
   */
  onFallback?: 'delete-old' | 'keep-old';
}

export interface RotateResult {
  created: CreatedKey;
  oldRemoteId: string;
  /** How the old key was retired, so the caller can record it. */
  method: 'rotate' | 'cycle' | 'create-then-delete';
  /** Until when the old key still works; null = it stopped at once (or was deleted). */
  oldValidUntil: string | null;
  /** create-then-delete only: false when the old key is still there (kept on purpose, or the delete failed). */
  oldDeleted: boolean;
  /** Set when the new key exists but a later step did not complete; the secret must still be kept. */
  warning?: string;
}

/**
 * The outcome of presenting a token, for guided flows that must see a 401 to confirm revocation.
 * `unchecked`: the workspace gives Keydeck no way to check a token ("Other token" without a verify call).
 */
export type ProbeResult = { state: 'valid'; identity: Identity } | { state: 'rejected' } | { state: 'forbidden' } | { state: 'unchecked' };

/**
 * Every service answers the same questions. A service without a token API (Asimov, Kinesis)
 * implements list/create/rename/revoke/rotate by throwing `unsupported` with the guided-flow hint:
 * callers check `PROVIDERS[id].capabilities` first, and never need a per-service branch.
 */
export interface ProviderClient {
  readonly provider: ProviderId;
  /** Proves the connection's token works, at the cost of one cheap call. */
  verify(): Promise<Identity>;
  /** Like verify, but a rejected token is an answer, not an error. */
  probe(): Promise<ProbeResult>;
  list(): Promise<RemoteKey[]>;
  create(input: CreateKeyInput): Promise<CreatedKey>;
  rename(remoteId: string, name: string): Promise<RemoteKey>;
  revoke(remoteId: string): Promise<void>;
  rotate(remoteId: string, opts?: RotateOptions): Promise<RotateResult>;
}
