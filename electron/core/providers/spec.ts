import type { ProviderId, RotateCapability } from '../../../shared/domain';
import type { HttpClient } from '../http';
import type { Clock } from '../ports';
import type { Connection, ProviderClient } from './types';

/** The rotation methods a service performs through its API (guided ones happen in its web app). */
export type ApiRotateMethod = Exclude<RotateCapability, 'guided'>;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
export const REFRESH = { MINUTE, HOUR };

/** What outlives one call and clients may share: the HTTP pool, the clock, what each workspace taught us. */
export interface ClientContext {
  http: HttpClient;
  clock?: Clock;
  /** Per-workspace facts learned from answers (Kernle's API shape, kernel.sh's page size): keyed by workspace id. */
  memory: WorkspaceMemory;
  /** Process-wide options for one provider, from the composition root (tests set page sizes). */
  options: Record<string, unknown>;
}

/** The fact under which a provider's learned API shape is kept and persisted. */
export const API_SHAPE = 'api_shape';

/**
 * What a provider folder declares about itself, for the engines that must never name it: the
 * journal plans its API rotations are recorded under, how often it may be re-read, and how to
 * build its client. The user-facing facts (label, capabilities, expiry, env var) are the shared
 * catalog's (`shared/domain/provider.ts`).
 */
export interface ProviderSpec {
  id: ProviderId;
  /**
   * The journal's plan name for each API rotation method the service offers. Journal rows
   * outlive upgrades, so these names never change once shipped.
   */
  plans: Partial<Record<ApiRotateMethod, string>>;
  /** Quota-billed services are read least, and even "Check now" waits `manualMinGapMs` between reads. */
  refresh: { autoIntervalMs: number; manualMinGapMs: number };
  /**
   * Whether the service's key list says when each key was last used (`RemoteKey.lastUsedAt`).
   * Only then can Keydeck call a key unused; elsewhere "no data" must never read as "not used".
   */
  reportsLastUse: boolean;
  /** A learned API fact a restart should not have to learn again (persisted as `sync_state.api_shape`). */
  persistsShape?: (value: string) => boolean;
  client(ctx: ClientContext, conn: Connection): ProviderClient;
}

/** Small per-workspace memory: keys are `<workspace id>`, values opaque to everyone but the provider that wrote them. */
export class WorkspaceMemory {
  private readonly facts = new Map<string, Map<string, string>>();
  constructor(private readonly onLearn?: (workspaceKey: string, fact: string, value: string) => void) {}

  get(workspaceKey: string, fact: string): string | undefined {
    return this.facts.get(workspaceKey)?.get(fact);
  }

  learn(workspaceKey: string, fact: string, value: string): void {
    if (this.get(workspaceKey, fact) === value) return;
    this.seed(workspaceKey, fact, value);
    this.onLearn?.(workspaceKey, fact, value);
  }

  /** Known from an earlier run: set without reporting it back. */
  seed(workspaceKey: string, fact: string, value: string): void {
    let m = this.facts.get(workspaceKey);
    if (!m) this.facts.set(workspaceKey, (m = new Map()));
    m.set(fact, value);
  }

  forget(workspaceKey: string, fact: string): void {
    this.facts.get(workspaceKey)?.delete(fact);
  }
}
