import type { RemoteKey } from '../types';
import type { KernleKey } from './schemas';

/** Kernle shows a prefix, never a tail: the masked form is the prefix and an ellipsis. */
export function toRemoteKey(k: KernleKey): RemoteKey {
  const prefix = k.prefix ?? k.key_prefix ?? '';
  const active = k.is_active ?? !k.revoked_at;
  return {
    remoteId: k.id,
    name: k.name,
    masked: prefix ? `${prefix}…` : '',
    scopes: [],
    projectId: null,
    createdAt: k.created_at ?? null,
    // Kernle keys never expire: only login session tokens do.
    expiresAt: null,
    lastUsedAt: k.last_used_at ?? null,
    active,
    revokedAt: active ? null : (k.revoked_at ?? null),
    deletedAt: null,
  };
}
