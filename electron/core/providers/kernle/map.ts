import type { RemoteKey } from '../types';
import { kernleMasked } from './masked';
import type { KernleKey } from './schemas';

/** Kernle shows a prefix, never a tail: see `kernleMasked`. */
export function toRemoteKey(k: KernleKey): RemoteKey {
  const active = k.is_active ?? !k.revoked_at;
  return {
    remoteId: k.id,
    name: k.name,
    masked: kernleMasked(k.prefix ?? k.key_prefix),
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
