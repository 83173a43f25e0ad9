import { policyKind, PROVIDERS, type ProviderId, type WorkspacePolicy } from '../../../shared/domain';
import { AppError } from '../errors';
import type { WorkspaceRow } from '../store/rows';

/** A workspace row's policy and which kind of rule its service's keys can follow (from the catalog's expiry model). */
export function policyOf(row: Pick<WorkspaceRow, 'provider' | 'policy_max_days' | 'policy_no_never' | 'policy_rotate_days'>): { policy: WorkspacePolicy; kind: 'lifetime' | 'rotation-age' } {
  const info = PROVIDERS[row.provider as ProviderId];
  const kind = info ? policyKind(info.expiry) : 'lifetime';
  const policy: WorkspacePolicy = {
    maxLifetimeDays: row.policy_max_days ?? null,
    noNeverExpiring: row.policy_no_never === 1,
    rotateEveryDays: row.policy_rotate_days ?? null,
  };
  return { policy, kind };
}

export function policyColumns(p: WorkspacePolicy): Pick<WorkspaceRow, 'policy_max_days' | 'policy_no_never' | 'policy_rotate_days'> {
  return { policy_max_days: p.maxLifetimeDays, policy_no_never: p.noNeverExpiring ? 1 : 0, policy_rotate_days: p.rotateEveryDays };
}

/** A rule the service's keys cannot follow is refused, saying which one fits instead. */
export function assertPolicyFits(provider: ProviderId, p: WorkspacePolicy): void {
  const info = PROVIDERS[provider];
  if (policyKind(info.expiry) === 'rotation-age') {
    if (p.maxLifetimeDays !== null || p.noNeverExpiring) {
      throw new AppError('invalid_input', `${info.label} keys cannot expire, so a maximum lifetime cannot be enforced. Set a rotation age instead (rotate every N days).`, {
        fields: { [p.maxLifetimeDays !== null ? 'policy.maxLifetimeDays' : 'policy.noNeverExpiring']: `does not apply: ${info.label} keys never expire; use the rotation age` },
      });
    }
  } else if (p.rotateEveryDays !== null) {
    throw new AppError('invalid_input', `${info.label} keys can expire: set a maximum lifetime (and, if you like, no never-expiring keys) instead of a rotation age.`, {
      fields: { 'policy.rotateEveryDays': `does not apply: ${info.label} keys expire; use the maximum lifetime` },
    });
  }
}
