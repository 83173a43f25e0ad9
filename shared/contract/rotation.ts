import { z } from 'zod';
import { ERROR_CODES } from '../result';
import { KeySummarySchema } from '../domain/key';
import { IdSchema } from '../domain/workspace';
import { lazySchema } from '../lazy-schema';

/**
 * Create, rotate and revoke (issue 4). Secrets appear in exactly two answers — `keys.create` and
 * `keys.rotate` — and only after the keychain holds them: the reveal dialog shows them once.
 */

/** The steps of a rotation, in order; `rotation.progress` names them and the journal records them. */
export const ROTATION_STEPS = ['journal', 'provider', 'keychain', 'metadata', 'verify', 'retire', 'usages', 'finish'] as const;
export const RotationStepSchema = lazySchema(() => z.enum(ROTATION_STEPS));
export type RotationStep = z.infer<typeof RotationStepSchema>;

export const ROTATION_STATES = ['running', 'uncertain', 'done', 'failed', 'needs_attention'] as const;
export const RotationStateSchema = lazySchema(() => z.enum(ROTATION_STATES));

/** How the old key was (or will be) retired. */
export const RETIRE_METHODS = ['grace', 'scheduled', 'immediate', 'deleted', 'web-ui', 'kept'] as const;

/** What happened to one recorded `.env` file after a rotation. */
export const UsageReportSchema = lazySchema(() =>
  z.object({
    usageId: IdSchema,
    envVar: z.string(),
    filePath: z.string(),
    /** `stale`: the file no longer holds the old value — reported, never overwritten. */
    outcome: z.enum(['updated', 'stale', 'missing', 'failed', 'skipped']),
    message: z.string(),
  }),
);
export type UsageReport = z.infer<typeof UsageReportSchema>;

export const RotationResultSchema = lazySchema(() =>
  z.object({
    rotationId: IdSchema,
    state: RotationStateSchema,
    newKey: KeySummarySchema,
    /** Present once, for the reveal dialog; absent for guided rotations (the user pasted it). */
    secret: z.string().optional(),
    oldKey: KeySummarySchema,
    retire: z.object({
      method: z.enum(RETIRE_METHODS),
      /** Until when the old key keeps working; null = it stopped already (or never stops on its own). */
      validUntil: z.string().nullable(),
      /** Guided services: where the user revokes the old token by hand. */
      tokenPage: z.string().nullable(),
    }),
    usages: z.array(UsageReportSchema),
    /** Something the user should know (old key could not be deleted, a file was not updated…). */
    warning: z.string().optional(),
  }),
);
export type RotationResult = z.infer<typeof RotationResultSchema>;

export const CreateResultSchema = lazySchema(() =>
  z.object({
    key: KeySummarySchema,
    secret: z.string(),
    /** Set when the key exists but the keychain refused its secret: this answer is the one place it is shown. */
    warning: z.string().optional(),
  }),
);

export const RevokeResultSchema = lazySchema(() =>
  z.object({
    key: KeySummarySchema,
    /** `revoked`: done through the API. `pending-web-ui`: revoke it in the service's web app, then `keys.confirmRevoked`. */
    state: z.enum(['revoked', 'pending-web-ui']),
    tokenPage: z.string().nullable(),
  }),
);

export const ATTENTION_KINDS = ['rotation-unresolved', 'orphan-key', 'revoke-in-web-ui', 'scheduled-revoke', 'usage-stale'] as const;
export const ATTENTION_ACTIONS = ['retry', 'dismiss', 'revoke-now', 'confirm-revoked'] as const;

export const AttentionItemSchema = lazySchema(() =>
  z.object({
    /** Pass to `rotations.resolve`. */
    id: IdSchema,
    kind: z.enum(ATTENTION_KINDS),
    keyId: IdSchema.nullable(),
    workspaceId: IdSchema.nullable(),
    rotationId: IdSchema.nullable(),
    /** Safe to show: names, ids and what to do next. */
    message: z.string(),
    /** scheduled-revoke: when Keydeck deletes the old key. */
    dueAt: z.string().nullable(),
    tokenPage: z.string().nullable(),
    actions: z.array(z.enum(ATTENTION_ACTIONS)),
    createdAt: z.string(),
  }),
);
export type AttentionItem = z.infer<typeof AttentionItemSchema>;

export const ResolveResultSchema = lazySchema(() => z.object({ id: IdSchema, resolved: z.boolean(), message: z.string() }));

export const RotationRecordSchema = lazySchema(() =>
  z.object({
    id: IdSchema,
    keyId: IdSchema,
    newKeyId: IdSchema,
    workspaceId: IdSchema.nullable(),
    plan: z.string(),
    step: RotationStepSchema,
    state: RotationStateSchema,
    errorCode: z.enum(ERROR_CODES).nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
);

export const UsageSchema = lazySchema(() =>
  z.object({
    id: IdSchema,
    keyId: IdSchema,
    envVar: z.string(),
    filePath: z.string(),
    createdAt: z.string(),
    lastWrittenAt: z.string().nullable(),
    lastOutcome: z.string().nullable(),
  }),
);
export type Usage = z.infer<typeof UsageSchema>;

export const RotationProgressSchema = lazySchema(() =>
  z.object({
    rotationId: IdSchema,
    keyId: IdSchema,
    step: RotationStepSchema,
    state: z.enum(['started', 'done', 'failed', 'uncertain', 'skipped']),
    /** Safe to show; never a secret. */
    message: z.string(),
    code: z.enum(ERROR_CODES).optional(),
  }),
);
export type RotationProgress = z.infer<typeof RotationProgressSchema>;
