import { z } from 'zod';
import { ProviderIdSchema } from './provider';
import { IdSchema } from './workspace';
import { lazySchema } from '../lazy-schema';

export const KEY_STATUSES = ['active', 'expired', 'revoked', 'grace', 'deleted_remote'] as const;
export const KeyStatusSchema = lazySchema(() => z.enum(KEY_STATUSES));
export type KeyStatus = z.infer<typeof KeyStatusSchema>;

/** The secret still opens the service: active (expiring or not) or an old key still in its grace. */
export const secretWorks = (status: KeyStatus): boolean => status === 'active' || status === 'grace';

/** Works at `t`: its secret works and its valid-from date has come. `keys.list` status 'working' in the core and the window alike. */
export function worksAt(key: { status: KeyStatus; validFrom: string | null }, t: number): boolean {
  return secretWorks(key.status) && (!key.validFrom || Date.parse(key.validFrom) <= t);
}

export const KEY_SOURCES = ['imported', 'created', 'synced'] as const;

/** Everything Keydeck knows of a key except its secret, which only a reveal returns. */
export const KeySummarySchema = lazySchema(() =>
  z.object({
    id: IdSchema,
    workspaceId: IdSchema.nullable(),
    provider: ProviderIdSchema,
    name: z.string(),
    masked: z.string(),
    remoteId: z.string().nullable(),
    scopes: z.array(z.string()),
    projectId: z.string().nullable(),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    validFrom: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    graceUntil: z.string().nullable(),
    status: KeyStatusSchema,
    hasSecret: z.boolean(),
    source: z.enum(KEY_SOURCES),
    /** The key that replaced this one in a rotation: its lineage, so a view can follow the current generation. */
    supersededBy: IdSchema.nullable().default(null),
  }),
);
export type KeySummary = z.infer<typeof KeySummarySchema>;
