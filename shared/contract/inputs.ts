import { z } from 'zod';
import {
  baseUrlProblem,
  EnvironmentSchema,
  HandleSchema,
  IdSchema,
  KeyStatusSchema,
  normalizeBaseUrl,
  secretProblem,
  ProviderIdSchema,
  SettingsSchema,
  TokenPageSchema,
  EnvVarNameSchema,
  VerifyRequestSchema,
  WarningDaysSchema,
  WorkspaceColorSchema,
} from '../domain';
import { lazySchema } from '../lazy-schema';

const Name = (max: number) =>
  z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`);

export const BaseUrlSchema = lazySchema(() =>
  z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      const problem = baseUrlProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .transform(normalizeBaseUrl),
);

/**
 * A pasted token: one line, no spaces, only characters tokens are made of (see `secretProblem`);
 * the common "Bearer …" paste gets its own hint.
 */
export const SecretSchema = lazySchema(() =>
  z
    .string()
    .trim()
    .min(1, 'is required')
    .max(8192, 'is longer than any token Keydeck accepts (8192 characters)')
    .superRefine((value, ctx) => {
      if (/^bearer\s/i.test(value)) {
        ctx.addIssue({ code: 'custom', message: "paste the token without the 'Bearer ' prefix" });
      } else if (/\s/.test(value)) {
        ctx.addIssue({ code: 'custom', message: 'must be a single token without spaces or line breaks' });
      } else {
        const problem = secretProblem(value);
        if (problem) ctx.addIssue({ code: 'custom', message: `${problem}. Copy the token again from the service` });
      }
    }),
);

/** A calendar date (end of that day is not implied: midnight UTC) or a full ISO timestamp. */
export const DateInputSchema = lazySchema(() =>
  z
    .union([z.iso.datetime({ offset: true }), z.iso.date()], {
      error: 'must be a date like 2027-01-31 or an ISO timestamp',
    })
    .transform((v) => new Date(v.length === 10 ? `${v}T00:00:00Z` : v).toISOString()),
);

export const Empty = lazySchema(() => z.strictObject({}));
export const ById = lazySchema(() => z.strictObject({ id: IdSchema }));

const PolicyDays = lazySchema(() => z.number().int().min(1, 'must be at least 1 day').max(3650, 'must be at most 3650 days'));

/** A workspace's lifetime policy as a caller sends it: an absent rule is off. */
export const WorkspacePolicyInput = lazySchema(() =>
  z.strictObject({
    maxLifetimeDays: PolicyDays.nullable().default(null),
    noNeverExpiring: z.boolean().default(false),
    rotateEveryDays: PolicyDays.nullable().default(null),
  }),
);

export const WorkspaceAddInput = lazySchema(() =>
  z.strictObject({
    name: Name(80),
    provider: ProviderIdSchema,
    /** Absent = the provider's documented default (Kinesis has none: required there). */
    baseUrl: BaseUrlSchema.optional(),
    environment: EnvironmentSchema,
    color: WorkspaceColorSchema.default('slate'),
    /** Services whose verify call is configurable (catalog `verifyRequest.configurable`): the path and expected status. */
    verify: VerifyRequestSchema.optional(),
    /** Services whose catalog `workspaceOptions.tokenPage` is set: where the user makes and revokes tokens. */
    tokenPage: TokenPageSchema.optional(),
    /** Services whose catalog `workspaceOptions.envVar` is set: the variable this service's tokens go in. */
    envVar: EnvVarNameSchema.optional(),
  }),
);

export const WorkspaceUpdateInput = lazySchema(() =>
  z.strictObject({
    id: IdSchema,
    name: Name(80).optional(),
    baseUrl: BaseUrlSchema.optional(),
    environment: EnvironmentSchema.optional(),
    color: WorkspaceColorSchema.optional(),
    /** null = back to the provider's default verify call. */
    verify: VerifyRequestSchema.nullable().optional(),
    tokenPage: TokenPageSchema.nullable().optional(),
    envVar: EnvVarNameSchema.nullable().optional(),
    /** The whole lifetime policy, replacing the one before; every rule off = no policy. */
    policy: WorkspacePolicyInput.optional(),
  }),
);

export const WorkspaceRemoveInput = lazySchema(() =>
  z.strictObject({
    id: IdSchema,
    /** Removing a workspace that still holds keys deletes them (and their keychain items) only when asked. */
    deleteKeys: z.boolean().default(false),
  }),
);

export const KeyListInput = lazySchema(() =>
  z.strictObject({
    query: z.string().trim().max(200).optional(),
    workspaceId: IdSchema.optional(),
    provider: ProviderIdSchema.optional(),
    /** A key status, or `working`: every key that works now (active, never expiring, or an old key in its grace). */
    status: z.union([KeyStatusSchema, z.literal('working')]).optional(),
    /** Only the current generation of each rotation lineage: earlier ones are its history (`keys.history`). */
    current: z.boolean().optional(),
    /** Leave out revoked keys (the leftovers of rotations and revocations). */
    hideRevoked: z.boolean().optional(),
  }),
);

export const KeyImportInput = lazySchema(() =>
  z.strictObject({
    name: Name(255),
    provider: ProviderIdSchema,
    workspaceId: IdSchema.optional(),
    secret: SecretSchema,
    expiresAt: DateInputSchema.optional(),
    /** Start of a validity window (Kinesis PATs are refused before it). */
    validFrom: DateInputSchema.optional(),
    scopes: z.array(z.string().trim().min(1).max(64)).max(64).default([]),
    projectId: z.string().trim().min(1).max(128).optional(),
  }).superRefine((v, ctx) => {
    if (v.validFrom && v.expiresAt && v.validFrom >= v.expiresAt) {
      ctx.addIssue({ code: 'custom', path: ['expiresAt'], message: 'must be after the valid-from date' });
    }
  }),
);

export const SettingsUpdateInput = lazySchema(() => SettingsSchema.partial().strict());

export const SetWarningDaysInput = lazySchema(() =>
  z.strictObject({
    id: IdSchema,
    /** null = follow the global setting again. */
    days: WarningDaysSchema.nullable(),
  }),
);

export const AuditListInput = lazySchema(() =>
  z.strictObject({
    keyId: IdSchema.optional(),
    workspaceId: IdSchema.optional(),
    limit: z.number().int().min(1).max(1000).default(200),
  }),
);

/** Connect a workspace with a management key: verified, stored in the keychain, then synced. */
export const WorkspaceConnectInput = lazySchema(() =>
  z.strictObject({
    id: IdSchema,
    secret: SecretSchema,
    /** kernel.sh only: scope the workspace to one project (sent as X-Kernel-Project-Id). */
    projectId: z.string().trim().min(1).max(128).optional(),
    /** The management key's name in Keydeck; defaults to "<workspace> management key". */
    keyName: Name(255).optional(),
    /** For tokens whose expiry the service does not report (Asimov, Kinesis): what the user chose. */
    expiresAt: DateInputSchema.optional(),
  }),
);

// ---- Create, rotate and revoke (issue 4) ----

const Days = lazySchema(() => z.number().int().min(1, 'must be at least 1 day').max(3650, 'must be at most 3650 days'));
const ProjectId = lazySchema(() => z.string().trim().min(1).max(128));

/** Create a key through the service's API (kernel.sh, Kernle). The secret is in the keychain before it is returned. */
export const KeyCreateInput = lazySchema(() =>
  z.strictObject({
    workspaceId: IdSchema,
    name: Name(255),
    /** kernel.sh: whole days, or null for never; absent = never. Ignored where keys do not expire. */
    expiresInDays: Days.nullable().optional(),
    /** kernel.sh only: a project-scoped key. */
    projectId: ProjectId.optional(),
  }),
);

/** One-click rotation. `graceSeconds`: how long the old key keeps working (kernel.sh; 0 = stop now). */
export const KeyRotateInput = lazySchema(() =>
  z.strictObject({
    id: IdSchema,
    /** Absent = 7 days (kernel.sh's default). Sub-day grace: Keydeck deletes the old key itself at that time. */
    graceSeconds: z.number().int().min(0).max(3650 * 86_400).optional(),
    /** Lifetime of the new key (kernel.sh); absent = the old key's lifetime. */
    expiresInDays: Days.nullable().optional(),
  }),
);

/** Revoke a key. A prod workspace asks for the key's name typed back. */
export const KeyRevokeInput = lazySchema(() =>
  z.strictObject({
    id: IdSchema,
    confirmName: z.string().max(255).optional(),
  }),
);

export const TokenPageInput = lazySchema(() => z.strictObject({ workspaceId: IdSchema }));

/** Guided rotation (Asimov, Kinesis): the user made the new token in the web UI and pastes it here. */
export const GuidedRotateInput = lazySchema(() =>
  z.strictObject({
    id: IdSchema,
    secret: SecretSchema,
    /** Absent = the old key's name. */
    name: Name(255).optional(),
    expiresAt: DateInputSchema.optional(),
    validFrom: DateInputSchema.optional(),
    scopes: z.array(z.string().trim().min(1).max(64)).max(64).optional(),
  }),
);

/** A token made in a service's web UI (Asimov, Kinesis): verified with the service before it is stored. */
export const GuidedCreateInput = lazySchema(() =>
  z
    .strictObject({
      workspaceId: IdSchema,
      name: Name(255),
      secret: SecretSchema,
      expiresAt: DateInputSchema.optional(),
      validFrom: DateInputSchema.optional(),
      scopes: z.array(z.string().trim().min(1).max(64)).max(64).default([]),
    })
    .superRefine((v, ctx) => {
      if (v.validFrom && v.expiresAt && v.validFrom >= v.expiresAt) ctx.addIssue({ code: 'custom', path: ['expiresAt'], message: 'must be after the valid-from date' });
    }),
);

export const ResolveAttentionInput = lazySchema(() =>
  z.strictObject({
    id: IdSchema,
    action: z.enum(['retry', 'dismiss', 'revoke-now', 'confirm-revoked']),
  }),
);

export const RotationsListInput = lazySchema(() =>
  z.strictObject({
    keyId: IdSchema.optional(),
    limit: z.number().int().min(1).max(500).default(50),
  }),
);

/** Where a key is used: an env var in a `.env` file (absolute path). */
export const UsageAddInput = lazySchema(() =>
  z.strictObject({
    keyId: IdSchema,
    envVar: z.string().trim().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, 'must be an environment variable name like KERNEL_API_KEY'),
    filePath: z
      .string()
      .trim()
      .min(1, 'is required')
      .max(4096)
      .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p), 'must be an absolute path'),
  }),
);

// ---- References (issue 9) ----

/** A reference (keydeck://workspace/key), a key's name or handle, or its id. */
export const RefText = lazySchema(() => z.string().trim().min(1, 'is required').max(1024, 'must be at most 1024 characters'));

export const ResolveRefInput = lazySchema(() =>
  z.strictObject({
    ref: RefText,
    /** A workspace name or id, for a bare name or a reference without one. */
    workspace: RefText.optional(),
    /** 'use' refuses ended keys and keys without a secret; 'manage' accepts any key that exists. */
    purpose: z.enum(['use', 'manage']).default('use'),
  }),
);

export const ResolveWorkspaceInput = lazySchema(() => z.strictObject({ ref: RefText }));

export const SetHandleInput = lazySchema(() => z.strictObject({ id: IdSchema, handle: HandleSchema.nullable() }));

/** `purpose` only words the audit entry: every reveal is audited alike. */
export const RevealInput = lazySchema(() =>
  z.strictObject({ id: IdSchema, purpose: z.enum(['reveal', 'read', 'run', 'inject']).default('reveal') }),
);

export const UsageListInput = lazySchema(() => z.strictObject({ keyId: IdSchema }));
