import type { CreatedKey, RemoteKey } from '../types';
import type { KernelKey } from './schemas';

export function toRemoteKey(k: KernelKey): RemoteKey {
  return {
    remoteId: k.id,
    name: k.name,
    masked: k.masked_key ?? '',
    scopes: k.project_id ? [`project:${k.project_name ?? k.project_id}`] : ['org'],
    projectId: k.project_id ?? null,
    createdAt: k.created_at,
    expiresAt: k.expires_at ?? null,
    lastUsedAt: null,
    active: !k.deleted_at,
    revokedAt: null,
    deletedAt: k.deleted_at ?? null,
  };
}

export const toCreated = (k: KernelKey & { key: string }): CreatedKey => ({ key: toRemoteKey(k), secret: k.key });

/** "Absent = reuse the old key's lifetime", computed the same way for the create-then-delete fallback. */
export function lifetimeDays(k: KernelKey): number | null {
  if (!k.expires_at) return null;
  const days = Math.round((Date.parse(k.expires_at) - Date.parse(k.created_at)) / 86_400_000);
  return Math.min(3650, Math.max(1, days));
}
