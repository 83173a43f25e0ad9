import { afterEach, describe, expect, it } from 'vitest';
import { makeTestCore, type TestCore } from '../../helpers/test-core';

describe('core start', () => {
  let core: TestCore;
  afterEach(() => core.cleanup());

  it('reconciles interrupted rotations before any timer runs, then starts the watcher and the refresh', async () => {
    core = makeTestCore();
    const order: string[] = [];
    const rotation = core.services.rotation;
    const reconcile = rotation.reconcile.bind(rotation);
    rotation.reconcile = async () => {
      order.push(`reconcile (timers pending: ${core.timers.pending.length})`);
      return reconcile();
    };
    await core.start();
    await new Promise((resolve) => setImmediate(resolve)); // the refresh's first pass settles in microtasks
    expect(order).toEqual(['reconcile (timers pending: 0)']);
    // The expiry watcher and the refresh scheduler each planned their next wake-up.
    expect(core.timers.pending.length).toBeGreaterThanOrEqual(2);
    expect(core.tray.length).toBeGreaterThan(0);
  });
});
