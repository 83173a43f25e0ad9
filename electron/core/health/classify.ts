import { hasPolicy, stalePeriodDays, violationOf, type WorkspacePolicy } from '../../../shared/domain';
import type { HealthEntry, HealthFix } from '../../../shared/contract/health';
import { tierOf } from '../expiry/tiers';
import type { KeyRow } from '../store/rows';

const DAY = 86_400_000;

export interface KeyContext {
  /** null: the key is in no workspace, so no policy applies and nothing can rotate it. */
  workspace: { name: string; policy: WorkspacePolicy; kind: 'lifetime' | 'rotation-age' } | null;
  /** The provider's declaration: only then is a missing use "unused" rather than "unknown". */
  reportsLastUse: boolean;
  warningDays: readonly number[];
  unusedDays: number;
  leak: { findings: number; exposed: boolean } | undefined;
}

const day = (iso: string) => iso.slice(0, 10);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Pure: every way a working key needs attention, each with its one fix. Ended keys (revoked,
 * deleted at the service, replaced by a rotation) need nothing. An expired key is only expired:
 * its age or usage no longer matter, only its replacement does.
 */
export function classifyKey(k: KeyRow, c: KeyContext, now: Date): HealthEntry[] {
  if (k.revoked_at || k.remote_deleted_at || k.superseded_by) return [];
  const base = { keyId: k.id, keyName: k.name };
  const rotate: HealthFix = c.workspace ? 'rotate' : 'open';
  const out: HealthEntry[] = [];
  const tier = tierOf({ expiresAt: k.expires_at, graceUntil: k.grace_until, validFrom: k.valid_from ?? null, revokedAt: null, remoteDeletedAt: null, supersededBy: null }, c.warningDays, now);
  if (tier.tier === 'expired') {
    return [{ ...base, category: 'expired', fix: rotate, reason: `Expired on ${day(tier.deadline!)}: issue a replacement.`, rotateBy: null, at: tier.deadline }];
  }
  if (c.leak && c.leak.findings > 0) {
    const where = c.leak.exposed ? ', at least one in a commit pushed to a remote' : '';
    out.push({ ...base, category: 'leaked', fix: rotate, reason: `Found in ${plural(c.leak.findings, 'place')}${where}: rotate it, then mark the findings resolved.`, rotateBy: now.toISOString(), at: null });
  }
  if (c.workspace) {
    const v = violationOf(c.workspace.policy, c.workspace.kind, { createdAt: k.created_at, expiresAt: k.expires_at }, now);
    if (v) {
      const why =
        v.rule === 'no never-expiring keys' ? `Never expires, which workspace “${c.workspace.name}” does not allow` :
        v.rule === 'rotation age' ? `Older than workspace “${c.workspace.name}” allows (rotate every ${c.workspace.policy.rotateEveryDays} days)` :
        `Made to live longer than workspace “${c.workspace.name}” allows (at most ${c.workspace.policy.maxLifetimeDays} days)`;
      out.push({ ...base, category: 'over-policy', fix: 'rotate', reason: `${why}: rotate by ${day(v.rotateBy)} (policy: ${v.rule}).`, rotateBy: v.rotateBy, at: k.created_at });
    }
  }
  if (tier.severity > 0) {
    out.push({ ...base, category: 'expiring', fix: rotate, reason: `Expires on ${day(tier.deadline!)}: rotate it before then.`, rotateBy: tier.deadline, at: tier.deadline });
  }
  const period = c.workspace ? stalePeriodDays(c.workspace.policy, c.workspace.kind) : null;
  if (period !== null) {
    const due = Date.parse(k.created_at) + period * DAY;
    if (now.getTime() > due) {
      out.push({ ...base, category: 'stale', fix: 'rotate', reason: `Not rotated for ${Math.round((now.getTime() - Date.parse(k.created_at)) / DAY)} days; the policy asks for every ${period}.`, rotateBy: new Date(due).toISOString(), at: k.created_at });
    }
  }
  if (c.reportsLastUse && k.last_used_at && now.getTime() - Date.parse(k.last_used_at) > c.unusedDays * DAY) {
    const idle = Math.round((now.getTime() - Date.parse(k.last_used_at)) / DAY);
    out.push({ ...base, category: 'unused', fix: 'revoke', reason: `Last used ${idle} days ago (more than ${c.unusedDays}): if nothing needs it, revoke it.`, rotateBy: null, at: k.last_used_at });
  }
  if (tier.tier === 'no_expiry') {
    // A rotation age governs keys that cannot expire: their age is the point, not their lack of an end.
    const ws = c.workspace;
    if (!ws) out.push({ ...base, category: 'never-expiring', fix: 'open', reason: 'Never expires and belongs to no workspace, so no policy covers it.', rotateBy: null, at: k.created_at });
    else if (!hasPolicy(ws.policy)) out.push({ ...base, category: 'never-expiring', fix: 'set-policy', reason: `Never expires and workspace “${ws.name}” has no lifetime policy: set one.`, rotateBy: null, at: k.created_at });
    else if (ws.kind === 'lifetime') out.push({ ...base, category: 'never-expiring', fix: 'rotate', reason: 'Never expires: rotate it to a key with an expiry.', rotateBy: null, at: k.created_at });
  }
  return out;
}
