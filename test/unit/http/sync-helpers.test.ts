import { describe, expect, it } from 'vitest';
import { runLimited } from '../../../electron/core/sync';
import { maskedMatches } from '../../../electron/core/sync/match-masked';

describe('recognising the management key by its masked form', () => {
  it.each([
    ['sk_eQx...5je0', 'sk_eQxykTL1JPUj3Vf78Xc0UrJceCX2MuhZEZPp5je0', true],
    ['knl_sk_852a…', 'knl_sk_852ae76c996b6b1c2f53a00ed421130a', true],
    ['sk_eQx...AAAA', 'sk_eQxykTL1JPUj3Vf78Xc0UrJceCX2MuhZEZPp5je0', false],
    ['sk…', 'sk_anything_at_all', false],
    ['', 'sk_x', false],
  ])('%s vs secret → %s', (masked, secret, expected) => {
    expect(maskedMatches(masked, secret)).toBe(expected);
  });
});

describe('runLimited', () => {
  it('never exceeds the global or the per-host limit, and finishes everything', async () => {
    const active = { all: 0, peak: 0, host: new Map<string, number>(), hostPeak: new Map<string, number>() };
    const gates: Array<() => void> = [];
    const tasks = Array.from({ length: 12 }, (_, i) => ({
      host: `h${i % 3}`,
      run: () =>
        new Promise<number>((resolve) => {
          const h = `h${i % 3}`;
          active.all++;
          active.peak = Math.max(active.peak, active.all);
          active.host.set(h, (active.host.get(h) ?? 0) + 1);
          active.hostPeak.set(h, Math.max(active.hostPeak.get(h) ?? 0, active.host.get(h)!));
          gates.push(() => {
            active.all--;
            active.host.set(h, active.host.get(h)! - 1);
            resolve(i);
          });
        }),
    }));
    const done = runLimited(tasks, { concurrency: 4, perHost: 1 });
    // Release one task at a time: each release lets the scheduler start the next eligible one.
    while (gates.length) {
      gates.shift()!();
      await Promise.resolve();
      await new Promise((r) => setImmediate(r));
    }
    const results = await done;
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : -1))).toEqual([...Array(12).keys()]);
    expect(active.peak).toBe(3);
    expect(Math.max(...active.hostPeak.values())).toBe(1);
  });

  it('keeps going after a task fails', async () => {
    const results = await runLimited(
      [
        { host: 'a', run: () => Promise.reject(new Error('x')) },
        { host: 'a', run: () => Promise.resolve(2) },
      ],
      { concurrency: 1, perHost: 1 },
    );
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
  });
});
