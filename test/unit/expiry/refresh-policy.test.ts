import { describe, expect, it } from 'vitest';
import { dueWorkspaces, nextScheduledRefresh, type RefreshState } from '../../../electron/core/sync/refresh-policy';

const HOUR = 3_600_000;
const now = new Date('2026-11-23T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
const state = (over: Partial<RefreshState>): RefreshState => ({ workspaceId: 'w', provider: 'kernel-sh', lastSyncedAt: null, lastErrorAt: null, retryAfter: null, ...over });

describe('refresh policy', () => {
  it('refreshes a never-synced workspace at once', () => {
    expect(dueWorkspaces([state({})], now, 'scheduled')).toEqual(['w']);
  });
  it('re-reads kernel.sh every 6 hours but Kernle only daily, for its quota', () => {
    const states = [state({ workspaceId: 'k', lastSyncedAt: ago(7 * HOUR) }), state({ workspaceId: 'q', provider: 'kernle', lastSyncedAt: ago(7 * HOUR) })];
    expect(dueWorkspaces(states, now, 'scheduled')).toEqual(['k']);
    expect(dueWorkspaces([state({ provider: 'kernle', lastSyncedAt: ago(25 * HOUR) })], now, 'scheduled')).toEqual(['w']);
  });
  it('"Check now" ignores the schedule but keeps Kernle calls 15 minutes apart', () => {
    expect(dueWorkspaces([state({ lastSyncedAt: ago(60_000) })], now, 'manual')).toEqual(['w']);
    expect(dueWorkspaces([state({ provider: 'kernle', lastSyncedAt: ago(60_000) })], now, 'manual')).toEqual([]);
    expect(dueWorkspaces([state({ provider: 'kernle', lastSyncedAt: ago(16 * 60_000) })], now, 'manual')).toEqual(['w']);
  });
  it('counts a failed attempt as an attempt, so failures do not become a tight loop', () => {
    expect(dueWorkspaces([state({ lastSyncedAt: ago(10 * HOUR), lastErrorAt: ago(HOUR) })], now, 'scheduled')).toEqual([]);
  });
  it('honours Retry-After in every mode', () => {
    const limited = state({ lastSyncedAt: ago(30 * HOUR), retryAfter: new Date(now.getTime() + HOUR).toISOString() });
    expect(dueWorkspaces([limited], now, 'scheduled')).toEqual([]);
    expect(dueWorkspaces([limited], now, 'manual')).toEqual([]);
    expect(nextScheduledRefresh([limited])).toBe(now.getTime() + HOUR);
  });
});
