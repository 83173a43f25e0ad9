import type { ProviderId } from '../../../shared/domain';
import type { RemoteKey } from '../providers';
import type { KeyRow } from '../store/rows';
import { newKeyId } from '../vault/ids';
import type { SyncRepo, SyncedKeyRow } from './sync-repo';

export interface SyncCounts {
  total: number;
  added: number;
  updated: number;
  markedDeleted: number;
}

/**
 * Makes the workspace's remote-linked rows match the service's list. Metadata only: a synced
 * row never has a secret. A key that vanished remotely is marked (`remote_deleted_at`), never
 * dropped: the user may still hold its secret or need to know it is gone. Runs inside the
 * caller's write transaction.
 */
export function applyRemoteKeys(repo: SyncRepo, workspaceId: string, provider: ProviderId, remote: RemoteKey[], now: string): SyncCounts {
  const existing = new Map(repo.linkedKeys(workspaceId).map((r) => [r.remote_id as string, r]));
  const seen = new Set<string>();
  const counts: SyncCounts = { total: remote.length, added: 0, updated: 0, markedDeleted: 0 };

  for (const k of remote) {
    if (seen.has(k.remoteId)) continue;
    seen.add(k.remoteId);
    const row = existing.get(k.remoteId);
    const fields = remoteFields(k, row, now);
    if (!row) {
      repo.insertKey({
        id: newKeyId(),
        workspace_id: workspaceId,
        provider,
        remote_id: k.remoteId,
        fingerprint: null,
        grace_until: null,
        has_secret: 0,
        source: 'synced',
        updated_at: now,
        ...fields,
      });
      counts.added++;
      continue;
    }
    const changed = Object.fromEntries(Object.entries(fields).filter(([col, v]) => row[col as keyof KeyRow] !== v));
    if (Object.keys(changed).length > 0) {
      repo.updateKey(row.id, { ...changed, updated_at: now });
      counts.updated++;
    }
  }

  for (const [remoteId, row] of existing) {
    if (seen.has(remoteId) || row.remote_deleted_at) continue;
    repo.updateKey(row.id, { remote_deleted_at: now, updated_at: now });
    counts.markedDeleted++;
  }
  return counts;
}

type RemoteFields = Pick<SyncedKeyRow, 'name' | 'masked' | 'scopes' | 'project_id' | 'created_at' | 'expires_at' | 'last_used_at' | 'revoked_at' | 'remote_deleted_at'>;

function remoteFields(k: RemoteKey, row: KeyRow | undefined, now: string): RemoteFields {
  return {
    name: k.name || row?.name || '(unnamed)',
    // A key whose secret Keydeck holds keeps its own mask: it is at least as informative.
    masked: row?.has_secret ? row.masked : k.masked || row?.masked || '••••••',
    scopes: JSON.stringify(k.scopes),
    project_id: k.projectId,
    created_at: k.createdAt ?? row?.created_at ?? now,
    expires_at: k.expiresAt,
    last_used_at: k.lastUsedAt ?? row?.last_used_at ?? null,
    // The service may say "inactive" without saying when: keep the first time we saw it so.
    // A deleted key is shown as deleted, not as revoked: `remote_deleted_at` says it.
    revoked_at: k.active || k.deletedAt ? null : (k.revokedAt ?? row?.revoked_at ?? now),
    remote_deleted_at: k.deletedAt ?? null,
  };
}
