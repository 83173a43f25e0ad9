import type { ProviderId } from '../../../shared/domain';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * How often each service is re-read on its own. Kernle bills every API call against the
 * user's quota, so it is read least; services without a list API only re-verify the token.
 */
export const AUTO_REFRESH_INTERVAL_MS: Record<ProviderId, number> = {
  'kernel-sh': 6 * HOUR,
  kernle: 24 * HOUR,
  'asimov-kernel': 12 * HOUR,
  kinesis: 12 * HOUR,
};

/** Even "Check now" leaves this long between two calls to a quota-billed service. */
export const MANUAL_MIN_GAP_MS: Record<ProviderId, number> = {
  'kernel-sh': 0,
  kernle: 15 * MINUTE,
  'asimov-kernel': 0,
  kinesis: 0,
};

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
  const gap = mode === 'scheduled' ? AUTO_REFRESH_INTERVAL_MS[s.provider] : MANUAL_MIN_GAP_MS[s.provider];
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
