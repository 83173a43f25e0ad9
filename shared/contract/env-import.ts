import { z } from 'zod';
import { lazySchema } from '../lazy-schema';
import { ProviderIdSchema } from '../domain/provider';
import { IdSchema } from '../domain/workspace';

/**
 * `.env` import (issue 9, item 7): a preview says what will happen to every assignment before
 * anything is stored; apply does it, line by line, and can replace the values with references.
 * No value ever crosses the boundary: a token is shown by its masked form only.
 */

const AbsolutePath = lazySchema(() =>
  z
    .string()
    .trim()
    .min(1, 'is required')
    .max(4096)
    .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p), 'must be an absolute path')
);

export const EnvImportPreviewInput = lazySchema(() =>
  z.strictObject({
    path: AbsolutePath,
    /** Where new entries go when the file's tokens match no synced key (must be of the token's service). */
    workspaceId: IdSchema.optional(),
  })
);

export const EnvImportApplyInput = lazySchema(() =>
  z.strictObject({
    path: AbsolutePath,
    /** From the preview: apply refuses a file whose bytes changed since. */
    planToken: z.string().regex(/^ep_[0-9a-f]{16}$/, 'is not a preview token'),
    /** Lines (1-based) the user chose to leave alone. */
    skip: z.array(z.number().int().min(1)).max(10_000).default([]),
    /** Replace each stored value with its `keydeck://` reference. */
    rewrite: z.boolean().default(false),
  })
);

export const ENV_ACTIONS = ['attach', 'create', 'known', 'skip'] as const;
export const VERIFY_STATES = ['valid', 'rejected', 'unverified', 'failed'] as const;

export const EnvPlanLineSchema = lazySchema(() =>
  z.object({
    line: z.number().int(),
    variable: z.string(),
    /** The token's masked form (`sk_live_…mnop`); null for a line that is not a token. */
    masked: z.string().nullable(),
    provider: ProviderIdSchema.nullable(),
    /** attach: give a synced key its secret. create: a new entry. known: already stored, only the usage is recorded. skip: left alone. */
    action: z.enum(ENV_ACTIONS),
    keyId: IdSchema.nullable(),
    keyName: z.string().nullable(),
    workspaceId: IdSchema.nullable(),
    workspaceName: z.string().nullable(),
    verified: z.enum(VERIFY_STATES),
    /** What a rewrite puts in place of the value; null when the line cannot be referenced. */
    reference: z.string().nullable(),
    /** Safe to show: what will happen and why. */
    reason: z.string(),
  })
);
export type EnvPlanLine = z.infer<typeof EnvPlanLineSchema>;

export const EnvImportPreviewSchema = lazySchema(() =>
  z.object({
    planToken: z.string(),
    path: z.string(),
    lines: z.array(EnvPlanLineSchema),
  })
);
export type EnvImportPreview = z.infer<typeof EnvImportPreviewSchema>;

export const EnvApplyLineSchema = lazySchema(() =>
  z.object({
    line: z.number().int(),
    variable: z.string(),
    outcome: z.enum(['attached', 'created', 'recorded', 'skipped', 'failed']),
    keyId: IdSchema.nullable(),
    message: z.string(),
  })
);

export const EnvImportResultSchema = lazySchema(() =>
  z.object({
    path: z.string(),
    lines: z.array(EnvApplyLineSchema),
    rewrite: z.object({
      state: z.enum(['written', 'not-asked', 'nothing-to-do', 'refused']),
      replaced: z.number().int(),
      message: z.string(),
    }),
  })
);
export type EnvImportResult = z.infer<typeof EnvImportResultSchema>;

// ---- Shell ports exposed as channels: the main process owns file dialogs and the PATH link ----

export const PickFileInput = lazySchema(() =>
  z.strictObject({
    /** What the dialog is for, so its title says it. */
    purpose: z.enum(['env-import', 'usage', 'leak-folder', 'leak-file']).default('env-import'),
  })
);
export const PickedFileSchema = lazySchema(() => z.object({ path: z.string() }).nullable());

export const CliLinkSchema = lazySchema(() =>
  z.object({
    linkPath: z.string(),
    target: z.string(),
    /** Whether the link's folder is on the user's PATH (else the Settings screen says how to add it). */
    onPath: z.boolean(),
  })
);
export type CliLink = z.infer<typeof CliLinkSchema>;
