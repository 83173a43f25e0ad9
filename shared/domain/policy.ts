import { z } from 'zod';
import type { ExpiryModel } from './provider';
import { lazySchema } from '../lazy-schema';

const DAY = 86_400_000;
/** Services round their own timestamps: a key made "for 90 days" may end a few seconds later. */
const SLACK = 3_600_000;

const PolicyDays = lazySchema(() => z.number().int().min(1, 'must be at least 1 day').max(3650, 'must be at most 3650 days'));

/**
 * A workspace's rule for how long its keys may live. Services whose keys can expire get a
 * maximum lifetime and "no never-expiring keys"; services whose keys cannot expire (their
 * catalog expiry model is `none`) get a rotation age instead. All null/false = no policy.
 */
export const WorkspacePolicySchema = lazySchema(() =>
  z.object({
    maxLifetimeDays: PolicyDays.nullable(),
    noNeverExpiring: z.boolean(),
    rotateEveryDays: PolicyDays.nullable(),
  }),
);
export type WorkspacePolicy = z.infer<typeof WorkspacePolicySchema>;

export const NO_POLICY: WorkspacePolicy = { maxLifetimeDays: null, noNeverExpiring: false, rotateEveryDays: null };

/** The kind of policy a service's keys can follow, from its declared expiry model. */
export function policyKind(model: ExpiryModel): 'lifetime' | 'rotation-age' {
  return model.kind === 'none' ? 'rotation-age' : 'lifetime';
}

export const hasPolicy = (p: WorkspacePolicy): boolean => p.maxLifetimeDays !== null || p.noNeverExpiring || p.rotateEveryDays !== null;

export type PolicyRule = 'maximum lifetime' | 'no never-expiring keys' | 'rotation age';

export interface PolicyBreach {
  rule: PolicyRule;
  /** For a person, naming the workspace and the rule: "Workspace “prod” allows keys of at most 90 days (policy: maximum lifetime)". */
  message: string;
  /** Short, for a form field. */
  field: string;
}

const quoted = (name: string) => `Workspace “${name}”`;

/**
 * Whether a new key's lifetime (whole days; null = never expires) is allowed. Pure: the window
 * uses it to offer only allowed choices, the core to refuse the rest.
 */
export function lifetimeBreach(policy: WorkspacePolicy, workspaceName: string, days: number | null): PolicyBreach | null {
  if (days === null) {
    if (policy.noNeverExpiring) {
      return { rule: 'no never-expiring keys', message: `${quoted(workspaceName)} does not allow keys that never expire (policy: no never-expiring keys).`, field: 'must have an expiry (workspace policy)' };
    }
    if (policy.maxLifetimeDays !== null) return maxBreach(policy.maxLifetimeDays, workspaceName);
    return null;
  }
  if (policy.maxLifetimeDays !== null && days > policy.maxLifetimeDays) return maxBreach(policy.maxLifetimeDays, workspaceName);
  return null;
}

function maxBreach(max: number, workspaceName: string): PolicyBreach {
  return {
    rule: 'maximum lifetime',
    message: `${quoted(workspaceName)} allows keys of at most ${max} days (policy: maximum lifetime).`,
    field: `must be at most ${max} days (workspace policy)`,
  };
}

/** The same rule for an expiry date a person typed (guided services): its lifetime counts from `now`. */
export function expiryDateBreach(policy: WorkspacePolicy, workspaceName: string, expiresAt: string | null | undefined, now: Date): PolicyBreach | null {
  if (!expiresAt) return lifetimeBreach(policy, workspaceName, null);
  if (policy.maxLifetimeDays === null) return null;
  const ms = Date.parse(expiresAt) - now.getTime();
  return ms > policy.maxLifetimeDays * DAY + SLACK ? maxBreach(policy.maxLifetimeDays, workspaceName) : null;
}

/** The latest expiry date (YYYY-MM-DD) a guided key may be given today, or null when there is no maximum. */
export function latestAllowedDate(policy: WorkspacePolicy, now: Date): string | null {
  if (policy.maxLifetimeDays === null) return null;
  return new Date(now.getTime() + policy.maxLifetimeDays * DAY).toISOString().slice(0, 10);
}

export interface KeyTimes {
  createdAt: string;
  expiresAt: string | null;
}

export interface PolicyViolation {
  rule: PolicyRule;
  /** When the key should be replaced: created + the maximum lifetime or the rotation age; now for a forbidden never-expiring key. */
  rotateBy: string;
}

/**
 * How an existing key stands against its workspace's policy. A lifetime policy is broken by the
 * key's own dates (it was made to live too long), whatever its age; a rotation age is broken once
 * the key is older than it. Null = within the policy.
 */
export function violationOf(policy: WorkspacePolicy, kind: 'lifetime' | 'rotation-age', key: KeyTimes, now: Date): PolicyViolation | null {
  const created = Date.parse(key.createdAt);
  if (kind === 'rotation-age') {
    if (policy.rotateEveryDays === null) return null;
    const by = created + policy.rotateEveryDays * DAY;
    return now.getTime() > by ? { rule: 'rotation age', rotateBy: new Date(by).toISOString() } : null;
  }
  const max = policy.maxLifetimeDays;
  if (key.expiresAt === null) {
    if (policy.noNeverExpiring) return { rule: 'no never-expiring keys', rotateBy: now.toISOString() };
    if (max !== null) return { rule: 'maximum lifetime', rotateBy: new Date(created + max * DAY).toISOString() };
    return null;
  }
  if (max !== null && Date.parse(key.expiresAt) - created > max * DAY + SLACK) {
    return { rule: 'maximum lifetime', rotateBy: new Date(created + max * DAY).toISOString() };
  }
  return null;
}

/** The period after which a key counts as stale (not rotated for longer than the policy), in days; null without a policy. */
export function stalePeriodDays(policy: WorkspacePolicy, kind: 'lifetime' | 'rotation-age'): number | null {
  return kind === 'rotation-age' ? policy.rotateEveryDays : policy.maxLifetimeDays;
}

/** One line for a person: "at most 90 days, no never-expiring keys" / "rotate every 30 days" / "none". */
export function describePolicy(policy: WorkspacePolicy, kind: 'lifetime' | 'rotation-age'): string {
  if (kind === 'rotation-age') return policy.rotateEveryDays !== null ? `rotate every ${policy.rotateEveryDays} days` : 'none';
  const parts = [policy.maxLifetimeDays !== null ? `at most ${policy.maxLifetimeDays} days` : '', policy.noNeverExpiring ? 'no never-expiring keys' : ''].filter(Boolean);
  return parts.length ? parts.join(', ') : 'none';
}
