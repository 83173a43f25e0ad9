import type { ProviderId } from '../../../shared/domain';
import { providerSpec } from '../providers';

/**
 * How often each service is re-read on its own, and how long even "Check now" waits between two
 * reads, come from the provider's declaration (`providers/<id>/spec.ts`): a quota-billed service
 * is read least; services without a list API only re-verify the token.
 */
const cadence = (provider: string) => providerSpec(provider).refresh;

export interface RefreshState {
  workspaceId: string;
  provider: ProviderId;
  lastSyncedAt: string | null;
  lastErrorAt: string | null;
  /** From a 429: nothing is sent before this, whatever the mode. */
  retryAfter: string | null;
}

const lastAttempt = (s: RefreshState) => Math.max(s.lastSyncedAt ? Date.parse(s.lastSyncedAt) : 0, s.lastErrorAt ? Date.parse(s.lastErrorAt) : 0);

/** When this workspace may next be refreshed in this mode (epoch ms). */
export function dueAt(s: RefreshState, mode: 'scheduled' | 'manual'): number {
  const gap = mode === 'scheduled' ? cadence(s.provider).autoIntervalMs : cadence(s.provider).manualMinGapMs;
  const byInterval = lastAttempt(s) === 0 ? 0 : lastAttempt(s) + gap;
  const byServer = s.retryAfter ? Date.parse(s.retryAfter) : 0;
  return Math.max(byInterval, byServer);
}

/** Pure: which workspaces to refresh now. */
export function dueWorkspaces(states: RefreshState[], now: Date, mode: 'scheduled' | 'manual'): string[] {
  return states.filter((s) => dueAt(s, mode) <= now.getTime()).map((s) => s.workspaceId);
}

/** Pure: the earliest moment a scheduled refresh is due, or null when nothing is connected. */
export function nextScheduledRefresh(states: RefreshState[]): number | null {
  return states.length ? Math.min(...states.map((s) => dueAt(s, 'scheduled'))) : null;
}
