import { PROVIDERS, type ProviderId } from '../../../shared/domain';
import { AppError } from '../errors';
import { providerSpec, type ApiRotateMethod, type CreateKeyInput } from '../providers';

export const DAY = 86_400;
export const DEFAULT_GRACE_SECONDS = 7 * DAY;

/** The plans every provider shares; API rotation plans are named by each provider. */
export const CREATE_PLAN = 'create';
export const GUIDED_PLAN = 'guided';

export type PlanMethod = ApiRotateMethod | 'guided' | 'create';

/**
 * From the provider's declared capabilities to what the engine does: which plan a one-click
 * rotation follows, what a plan name in the journal means, which options a create takes.
 * Nothing here names a provider.
 */
export const planner = {
  /** The one-click rotation of a provider whose capability is an API method. */
  rotation(provider: ProviderId): { plan: string; method: ApiRotateMethod } {
    const method = PROVIDERS[provider].capabilities.rotate;
    if (method === 'guided') throw new AppError('unsupported', `${PROVIDERS[provider].label} tokens are rotated by hand.`);
    return { plan: planner.planFor(provider, method), method };
  },

  planFor(provider: string, method: ApiRotateMethod): string {
    const plan = providerSpec(provider).plans[method];
    if (!plan) throw new AppError('internal', `${PROVIDERS[provider as ProviderId]?.label ?? provider} declares no "${method}" rotation.`);
    return plan;
  },

  /** What a plan recorded in a journal row means, for the provider that row belongs to. */
  methodOf(provider: string, plan: string): PlanMethod {
    if (plan === CREATE_PLAN || plan === GUIDED_PLAN) return plan;
    const plans = providerSpec(provider).plans;
    const found = (Object.keys(plans) as ApiRotateMethod[]).find((m) => plans[m] === plan);
    if (!found) throw new AppError('internal', `A rotation was recorded with the plan "${plan}", which this Keydeck does not know.`);
    return found;
  },

  /** Seconds the old key keeps working: only a service with a grace period keeps it at all. */
  graceSeconds(method: ApiRotateMethod, requested: number | undefined): number {
    return method === 'atomic-with-grace' ? (requested ?? DEFAULT_GRACE_SECONDS) : 0;
  },

  /** The create options the provider's catalog entry says it takes (expiry in days, a project). */
  createOptions(provider: ProviderId, v: { expiresInDays?: number | null; projectId?: string | null }): Omit<CreateKeyInput, 'name'> {
    const info = PROVIDERS[provider];
    return {
      ...(info.expiry.kind === 'days' ? { expiresInDays: v.expiresInDays ?? null } : {}),
      ...(info.scopes.kind === 'project' ? { projectId: v.projectId ?? null } : {}),
    };
  },

  /** Whether keys of this provider belong to projects a workspace may be scoped to. */
  hasProjects(provider: ProviderId): boolean {
    return PROVIDERS[provider].scopes.kind === 'project';
  },
};

export function lifetimeOf(createdAt: string | null, expiresAt: string | null): number | null {
  if (!expiresAt || !createdAt) return null;
  return Math.min(3650, Math.max(1, Math.round((Date.parse(expiresAt) - Date.parse(createdAt)) / 86_400_000)));
}
