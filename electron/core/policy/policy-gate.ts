import { expiryDateBreach, lifetimeBreach, policyKind, PROVIDERS, type PolicyBreach, type ProviderId } from '../../../shared/domain';
import { AppError } from '../errors';
import type { Clock } from '../ports';
import type { KeyRow, WorkspaceRow } from '../store/rows';
import { policyOf } from './workspace-policy';

const DAY = 86_400_000;

/**
 * The core's half of a workspace's lifetime policy: create and rotate refuse what breaks it,
 * whoever asks (window, CLI, any IPC caller), with the rule named and the flag or field to fix.
 */
export class PolicyGate {
  constructor(private readonly clock: Clock) {}

  /** An API-created key's lifetime in whole days (null = never). */
  newKeyDays(ws: WorkspaceRow, days: number | null): void {
    const lifetime = this.lifetimePolicy(ws);
    if (lifetime) refuse(lifetimeBreach(lifetime, ws.name, days), 'expiresInDays');
  }

  /** A guided key's expiry as the person typed it (absent = never). */
  expiryDate(ws: WorkspaceRow, expiresAt: string | null | undefined): void {
    const lifetime = this.lifetimePolicy(ws);
    if (lifetime) refuse(expiryDateBreach(lifetime, ws.name, expiresAt, this.clock.now()), 'expiresAt');
  }

  /**
   * The lifetime of a rotated key. An explicit one must fit; absent means "the old key's", and
   * when that no longer fits the new key gets the policy's maximum instead, said in a warning.
   */
  rotationDays(ws: WorkspaceRow, requested: number | null | undefined, old: Pick<KeyRow, 'created_at' | 'expires_at'>): { days?: number | null; warning?: string } {
    const lifetime = this.lifetimePolicy(ws);
    if (!lifetime) return requested === undefined ? {} : { days: requested };
    if (requested !== undefined) {
      refuse(lifetimeBreach(lifetime, ws.name, requested), 'expiresInDays');
      return { days: requested };
    }
    const inherited = old.expires_at ? Math.max(1, Math.round((Date.parse(old.expires_at) - Date.parse(old.created_at)) / DAY)) : null;
    const breach = lifetimeBreach(lifetime, ws.name, inherited);
    if (!breach) return {};
    if (lifetime.maxLifetimeDays === null) refuse(breach, 'expiresInDays');
    return { days: lifetime.maxLifetimeDays, warning: `The new key expires in ${lifetime.maxLifetimeDays} days: ${breach.message.replace(/\.$/, '')}.` };
  }

  private lifetimePolicy(ws: WorkspaceRow) {
    const info = PROVIDERS[ws.provider as ProviderId];
    if (!info || policyKind(info.expiry) !== 'lifetime') return null;
    return policyOf(ws).policy;
  }
}

function refuse(breach: PolicyBreach | null, field: string): void {
  if (!breach) return;
  const next = field === 'expiresInDays' ? 'Choose a shorter lifetime' : 'Choose an earlier expiry date';
  throw new AppError('policy_violation', `${breach.message} ${next}, or change the workspace's policy.`, { fields: { [field]: breach.field } });
}
