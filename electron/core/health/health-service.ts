import { describePolicy, type Environment, type ProviderId } from '../../../shared/domain';
import { HEALTH_CATEGORIES, type HealthCategory, type HealthOverview, type HealthWorkspace } from '../../../shared/contract/health';
import { providerSpec } from '../providers';
import { policyOf } from '../policy/workspace-policy';
import type { Clock } from '../ports';
import type { SettingsService } from '../settings/settings-service';
import type { Db } from '../store/database';
import { KeysRepo } from '../store/keys-repo';
import type { KeyRow } from '../store/rows';
import { WorkspacesRepo } from '../store/workspaces-repo';
import { notFound } from '../errors';
import { classifyKey } from './classify';
import type { LeakSummarySource } from './leak-source';
import type { FlaggedKey, HygieneFlags, HygieneSource } from '../expiry/hygiene';

const zero = (): Record<HealthCategory, number> => Object.fromEntries(HEALTH_CATEGORIES.map((c) => [c, 0])) as Record<HealthCategory, number>;
const ORDER = new Map(HEALTH_CATEGORIES.map((c, i) => [c, i]));

/**
 * One overview of key hygiene: every working key sorted into what it needs, per workspace.
 * Read-only and computed on demand from the vault, the settings, the clock and the leak finder's
 * open findings, so the window, `keydeck health`, the tray and the digest all agree.
 */
export class HealthService implements HygieneSource {
  private readonly keys: KeysRepo;
  private readonly workspaces: WorkspacesRepo;

  constructor(
    db: Db,
    private readonly settings: SettingsService,
    private readonly clock: Clock,
    private readonly leaks: LeakSummarySource,
  ) {
    this.keys = new KeysRepo(db);
    this.workspaces = new WorkspacesRepo(db);
  }

  overview(input: { workspaceId?: string | undefined } = {}): HealthOverview {
    const now = this.clock.now();
    const settings = this.settings.get();
    const leaks = new Map(this.leaks.openFindingsByKey().map((l) => [l.keyId, l]));
    const rows = this.workspaces.list();
    if (input.workspaceId && !rows.some((w) => w.id === input.workspaceId)) throw notFound('workspace', input.workspaceId);
    const groups = new Map<string | null, HealthWorkspace>();
    for (const w of rows) {
      if (input.workspaceId && w.id !== input.workspaceId) continue;
      const { policy, kind } = policyOf(w);
      groups.set(w.id, { workspaceId: w.id, workspaceName: w.name, environment: w.environment as Environment, provider: w.provider as ProviderId, policy, policyKind: kind, policyText: describePolicy(policy, kind), counts: zero(), entries: [] });
    }
    const byId = new Map(rows.map((w) => [w.id, w]));
    const flagged = new Set<string>();
    for (const k of this.keys.all()) {
      if (input.workspaceId && k.workspace_id !== input.workspaceId) continue;
      const w = k.workspace_id ? byId.get(k.workspace_id) : undefined;
      const { policy, kind } = w ? policyOf(w) : { policy: null, kind: null };
      const entries = classifyKey(k, {
        workspace: w && policy && kind ? { name: w.name, policy, kind } : null,
        reportsLastUse: reportsLastUse(k.provider),
        warningDays: warningDays(k, settings.warningDays),
        unusedDays: settings.unusedDays,
        leak: leaks.get(k.id),
      }, now);
      if (entries.length === 0) continue;
      let group = groups.get(w ? w.id : null);
      if (!group) {
        group = { workspaceId: null, workspaceName: null, environment: null, provider: null, policy: null, policyKind: null, policyText: 'none', counts: zero(), entries: [] };
        groups.set(null, group);
      }
      for (const e of entries) group.counts[e.category]++;
      group.entries.push(...entries);
      flagged.add(k.id);
    }
    const counts = zero();
    const workspaces = [...groups.values()];
    for (const g of workspaces) {
      g.entries.sort((a, b) => ORDER.get(a.category)! - ORDER.get(b.category)! || (a.rotateBy ?? a.at ?? '').localeCompare(b.rotateBy ?? b.at ?? '') || a.keyName.localeCompare(b.keyName));
      for (const c of HEALTH_CATEGORIES) counts[c] += g.counts[c];
    }
    return { checkedAt: now.toISOString(), unusedDays: settings.unusedDays, keysNeedingAction: flagged.size, counts, workspaces };
  }

  /** For the tray badge and the daily digest: keys that break their workspace's policy, and keys with open leak findings. */
  flagged(): HygieneFlags {
    const o = this.overview();
    const of = (c: HealthCategory) => {
      const seen = new Map<string, FlaggedKey>();
      for (const w of o.workspaces) for (const e of w.entries) if (e.category === c) seen.set(e.keyId, { keyId: e.keyId, keyName: e.keyName });
      return [...seen.values()];
    };
    const found = new Map(this.leaks.openFindingsByKey().map((l) => [l.keyId, l]));
    const leaked = of('leaked').map((k) => {
      const l = found.get(k.keyId);
      return l ? { ...k, findings: l.findings, exposed: l.exposed } : k;
    });
    return { overPolicy: of('over-policy'), leaked };
  }
}

function reportsLastUse(provider: string): boolean {
  try {
    return providerSpec(provider).reportsLastUse;
  } catch {
    return false;
  }
}

function warningDays(k: KeyRow, fallback: number[]): number[] {
  if (!k.warn_days) return fallback;
  try {
    return JSON.parse(k.warn_days) as number[];
  } catch {
    return fallback;
  }
}
