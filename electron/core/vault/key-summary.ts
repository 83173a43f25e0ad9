import type { KeySummary } from '../../../shared/domain';
import type { SummaryColumns } from '../store/keys-repo';
import { keyStatus } from './key-status';

/** A key as the window, the CLI and the contract see it, from its stored columns and the clock. */
export function toSummary(row: SummaryColumns, now: Date): KeySummary {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    provider: row.provider as KeySummary['provider'],
    name: row.name,
    masked: row.masked,
    remoteId: row.remote_id,
    scopes: JSON.parse(row.scopes) as string[],
    projectId: row.project_id,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    validFrom: row.valid_from ?? null,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
    graceUntil: row.grace_until,
    status: keyStatus(row, now),
    hasSecret: row.has_secret === 1,
    source: row.source as KeySummary['source'],
    supersededBy: row.superseded_by ?? null,
  };
}
