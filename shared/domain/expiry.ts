import { z } from 'zod';
import { lazySchema } from '../lazy-schema';
import { EnvironmentSchema } from './workspace';
import { ProviderIdSchema } from './provider';

/**
 * A key's place on the way to its deadline. `warn_<N>d` means "within N days"; which N exist
 * depends on the key's tiers. Quiet tiers (severity 0) never notify.
 */
export const TierSchema = lazySchema(() =>
  z.union([
    z.enum(['ok', 'expired', 'no_expiry', 'not_yet_valid', 'inactive']),
    z.templateLiteral(['warn_', z.number().int(), 'd']),
  ])
);
export type Tier = z.infer<typeof TierSchema>;

export const ExpiryEntrySchema = lazySchema(() =>
  z.object({
    keyId: z.string(),
    keyName: z.string(),
    provider: ProviderIdSchema,
    workspaceName: z.string().nullable(),
    environment: EnvironmentSchema.nullable(),
    tier: TierSchema,
    /** 0 = nothing to warn about; higher = more urgent. Comparable for one key's tiers. */
    severity: z.number().int(),
    /** The moment the key stops working: grace end or expiry. */
    deadline: z.string().nullable(),
    validFrom: z.string().nullable(),
    createdAt: z.string(),
    snoozed: z.boolean(),
  })
);
export type ExpiryEntry = z.infer<typeof ExpiryEntrySchema>;

export const ExpiryStatusSchema = lazySchema(() =>
  z.object({
    checkedAt: z.string(),
    /** Keys in a warning tier and not snoozed: the tray badge. */
    attentionCount: z.number().int(),
    /** Warning tiers first (most urgent first), then not-yet-valid, then keys that never expire (oldest first). */
    entries: z.array(ExpiryEntrySchema),
  })
);
export type ExpiryStatus = z.infer<typeof ExpiryStatusSchema>;
