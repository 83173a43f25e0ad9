import { z } from 'zod';
import { lazySchema } from '../lazy-schema';
import { ERROR_CODES } from '../result';
import { IdSchema } from '../domain/workspace';

/** What a connect or a refresh did. Counts and names only: never a secret. */
export const SyncReportSchema = lazySchema(() =>
  z.object({
    workspaceId: IdSchema,
    managementKeyId: IdSchema,
    /** Who the token belongs to, as the service says it (user name, e-mail or host). */
    identity: z.string(),
    /** False for services without a key-list API (Asimov, Kinesis): the token was verified only. */
    listed: z.boolean(),
    total: z.number().int().nonnegative(),
    added: z.number().int().nonnegative(),
    updated: z.number().int().nonnegative(),
    markedDeleted: z.number().int().nonnegative(),
    syncedAt: z.string(),
  })
);
export type SyncReport = z.infer<typeof SyncReportSchema>;

export const SweepReportSchema = lazySchema(() =>
  z.object({
    sweepId: z.string(),
    total: z.number().int().nonnegative(),
    succeeded: z.number().int().nonnegative(),
    failed: z.array(z.object({ workspaceId: IdSchema, code: z.enum(ERROR_CODES), message: z.string() })),
    durationMs: z.number().nonnegative(),
  })
);
export type SweepReport = z.infer<typeof SweepReportSchema>;

export const SyncProgressSchema = lazySchema(() =>
  z.object({
    sweepId: z.string(),
    workspaceId: IdSchema,
    state: z.enum(['started', 'synced', 'failed']),
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
    code: z.enum(ERROR_CODES).optional(),
  })
);
export type SyncProgress = z.infer<typeof SyncProgressSchema>;
