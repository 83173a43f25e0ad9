import { z } from 'zod';
import { EnvironmentSchema, IdSchema, ProviderIdSchema, WorkspacePolicySchema } from '../domain';
import { lazySchema } from '../lazy-schema';

/** What the overview sorts keys into, in the order a person should look at them. A key may be in several. */
export const HEALTH_CATEGORIES = ['expired', 'leaked', 'over-policy', 'expiring', 'stale', 'unused', 'never-expiring'] as const;
export const HealthCategorySchema = lazySchema(() => z.enum(HEALTH_CATEGORIES));
export type HealthCategory = z.infer<typeof HealthCategorySchema>;

/**
 * The one fix each entry offers: rotate or revoke (the existing dialogs), set a policy for the
 * workspace, or, for a key outside any workspace (nothing to rotate it through), open it.
 */
export const HealthFixSchema = lazySchema(() => z.enum(['rotate', 'revoke', 'set-policy', 'open']));
export type HealthFix = z.infer<typeof HealthFixSchema>;

export const HealthEntrySchema = lazySchema(() =>
  z.object({
    keyId: IdSchema,
    keyName: z.string(),
    category: HealthCategorySchema,
    fix: HealthFixSchema,
    /** Why, in a sentence a person reads: names the rule, the date or the count. */
    reason: z.string(),
    /** When the key should be replaced (over-policy, stale); null where no date applies. */
    rotateBy: z.string().nullable(),
    /** The date the category is about: expiry (expired, expiring), last use (unused), creation (stale, never-expiring). */
    at: z.string().nullable(),
  }),
);
export type HealthEntry = z.infer<typeof HealthEntrySchema>;

const Counts = lazySchema(() => z.record(HealthCategorySchema, z.number().int().nonnegative()));

export const HealthWorkspaceSchema = lazySchema(() =>
  z.object({
    /** null: keys outside any workspace. */
    workspaceId: IdSchema.nullable(),
    workspaceName: z.string().nullable(),
    environment: EnvironmentSchema.nullable(),
    provider: ProviderIdSchema.nullable(),
    policy: WorkspacePolicySchema.nullable(),
    policyKind: z.enum(['lifetime', 'rotation-age']).nullable(),
    /** "at most 90 days, no never-expiring keys", "rotate every 30 days", or "none". */
    policyText: z.string(),
    counts: Counts,
    /** Keys that need something, each once per category, most urgent category first. */
    entries: z.array(HealthEntrySchema),
  }),
);
export type HealthWorkspace = z.infer<typeof HealthWorkspaceSchema>;

export const HealthOverviewSchema = lazySchema(() =>
  z.object({
    checkedAt: z.string(),
    /** The "unused for N days" setting this answer used. */
    unusedDays: z.number().int(),
    /** Distinct keys that need action anywhere: what `keydeck health` exits non-zero on. */
    keysNeedingAction: z.number().int().nonnegative(),
    counts: Counts,
    workspaces: z.array(HealthWorkspaceSchema),
  }),
);
export type HealthOverview = z.infer<typeof HealthOverviewSchema>;

export const HealthOverviewInput = lazySchema(() => z.strictObject({ workspaceId: IdSchema.optional() }));
