import { z } from 'zod';
import { lazySchema } from '../lazy-schema';

export const AUDIT_KINDS = [
  'workspace_added', 'workspace_renamed', 'workspace_updated', 'workspace_removed',
  'created', 'imported', 'revealed', 'copied', 'rotated', 'revoked', 'verified', 'deleted', 'failed',
] as const;
export const AuditKindSchema = lazySchema(() => z.enum(AUDIT_KINDS));
export type AuditKind = z.infer<typeof AuditKindSchema>;

export const AuditEventSchema = lazySchema(() =>
  z.object({
    id: z.number().int(),
    at: z.string(),
    kind: AuditKindSchema,
    keyId: z.string().nullable(),
    workspaceId: z.string().nullable(),
    /** Human summary ("Imported 'ci-deploy' into Acme prod"): names and ids only, never a secret. */
    summary: z.string(),
  })
);
export type AuditEvent = z.infer<typeof AuditEventSchema>;
