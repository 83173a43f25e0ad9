import { z } from 'zod';
import { lazySchema } from '../lazy-schema';
import { ProviderIdSchema } from './provider';

export const ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;
export const EnvironmentSchema = lazySchema(() => z.enum(ENVIRONMENTS));
export type Environment = z.infer<typeof EnvironmentSchema>;

/** A fixed palette keeps colours expressible as CSS classes under a strict style-src CSP. */
export const WORKSPACE_COLORS = ['slate', 'blue', 'green', 'amber', 'red', 'violet', 'teal', 'pink'] as const;
export const WorkspaceColorSchema = lazySchema(() => z.enum(WORKSPACE_COLORS));

export const IdSchema = lazySchema(() => z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'must be an id made of letters, digits, _ or -'));

export const WorkspaceSchema = lazySchema(() =>
  z.object({
    id: IdSchema,
    name: z.string(),
    provider: ProviderIdSchema,
    baseUrl: z.string(),
    environment: EnvironmentSchema,
    color: WorkspaceColorSchema,
    managementKeyId: IdSchema.nullable(),
    keyCount: z.number().int().nonnegative(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
);
export type Workspace = z.infer<typeof WorkspaceSchema>;
