import { randomBytes } from '../crypto';
import type { EnvPlanLine } from '../../../shared/contract/env-import';

/** A preview as apply needs it: the decisions and the file's hash. Never a value: apply reads those again from the (unchanged) file. */
export interface StoredPlan {
  path: string;
  hash: string;
  lines: EnvPlanLine[];
  madeAt: number;
}

const TTL_MS = 30 * 60_000;
const MAX_PLANS = 16;

/**
 * Previews live in the process that made them (the window's core, or one CLI run): a preview
 * is a promise about one file at one moment, not something to keep.
 */
export class PlanCache {
  private readonly plans = new Map<string, StoredPlan>();

  put(plan: StoredPlan): string {
    const token = `ep_${randomBytes(8).toString('hex')}`;
    this.plans.set(token, plan);
    while (this.plans.size > MAX_PLANS) this.plans.delete(this.plans.keys().next().value as string);
    return token;
  }

  take(token: string, now: number): StoredPlan | null {
    const plan = this.plans.get(token);
    this.plans.delete(token);
    return plan && now - plan.madeAt <= TTL_MS ? plan : null;
  }
}
