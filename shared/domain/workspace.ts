import { z } from 'zod';
import { ProviderIdSchema } from './provider';
import { NO_POLICY, WorkspacePolicySchema } from './policy';
import { lazySchema } from '../lazy-schema';

export const ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;
export const EnvironmentSchema = lazySchema(() => z.enum(ENVIRONMENTS));
export type Environment = z.infer<typeof EnvironmentSchema>;

/** A fixed palette keeps colours expressible as CSS classes under a strict style-src CSP. */
export const WORKSPACE_COLORS = ['slate', 'blue', 'green', 'amber', 'red', 'violet', 'teal', 'pink'] as const;
export const WorkspaceColorSchema = lazySchema(() => z.enum(WORKSPACE_COLORS));

export const IdSchema = lazySchema(() =>
  z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'must be an id made of letters, digits, _ or -'),
);

/**
 * The call that proves a token works, where a service has no single right answer (self-hosted
 * Kinesis, "Other token"): a path on the base URL (a query allowed, `/user/fetch?uid=42`) and the
 * status that means success (absent: any 2xx).
 */
export const VerifyRequestSchema = lazySchema(() =>
  z.strictObject({
    path: z
      .string()
      .trim()
      .max(300, 'must be at most 300 characters')
      .regex(/^\/[^\s#]*$/, 'must start with / and hold no spaces'),
    expectStatus: z.number().int().min(200, 'must be a success status (200–299)').max(299, 'must be a success status (200–299)').optional(),
  }),
);
export type VerifyRequest = z.infer<typeof VerifyRequestSchema>;

const parses = (v: string): boolean => {
  try {
    new URL(v);
    return true;
  } catch {
    return false;
  }
};

/** A page Keydeck opens for a guided flow: https only, so it can be allow-listed as the user set it. */
export const TokenPageSchema = lazySchema(() =>
  z
    .string()
    .trim()
    .max(500, 'must be at most 500 characters')
    .refine((v) => /^https:\/\/[^\s/]+/.test(v) && parses(v), 'must be an https:// address, like https://github.com/settings/tokens'),
);

export const EnvVarNameSchema = lazySchema(() =>
  z.string().trim().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, 'must be an environment variable name like GITHUB_TOKEN'),
);

export const WorkspaceSchema = lazySchema(() =>
  z.object({
    id: IdSchema,
    name: z.string(),
    provider: ProviderIdSchema,
    baseUrl: z.string(),
    environment: EnvironmentSchema,
    color: WorkspaceColorSchema,
    managementKeyId: IdSchema.nullable(),
    /** Set when the workspace overrides its provider's verify call. */
    verify: VerifyRequestSchema.nullable().optional(),
    /** Set when the workspace has its own token page ("Other token"). */
    tokenPage: z.string().optional(),
    /** Set when the workspace names its own env var ("Other token": GITHUB_TOKEN, OPENAI_API_KEY…). */
    envVar: z.string().optional(),
    /** How long its keys may live (issue 14); no rule unless set. */
    policy: WorkspacePolicySchema.default(NO_POLICY),
    keyCount: z.number().int().nonnegative(),
    /** When the service's key list was last read (connect, refresh, sweep); null if never. */
    lastSyncedAt: z.string().nullable().default(null),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
);
export type Workspace = z.infer<typeof WorkspaceSchema>;
