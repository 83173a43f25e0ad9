import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KernelClient } from '../../../electron/core/providers';
import { isAmbiguous } from '../../../electron/core/http';
import { startDemo, type DemoImitations, type FaultSpec } from '../../imitations';
import { must } from '../../helpers/test-core';
import { makeSyncCore, type SyncTestCore } from '../../helpers/providers/sync-core';
import { expectNoSecret, failure, testHttp } from '../../helpers/providers/http';

let core: SyncTestCore;
let demo: DemoImitations;
let wsId: string;
const inventory = async () => JSON.stringify(await must(core.api.invoke('keys.list', { workspaceId: wsId })));

beforeEach(async () => {
  core = makeSyncCore();
  demo = await startDemo();
  const ws = await must(core.api.invoke('workspaces.add', { name: 'Acme', provider: 'kernel-sh', baseUrl: demo.urls.kernel, environment: 'prod' }));
  wsId = ws.id;
  await must(core.api.invoke('workspaces.connect', { id: ws.id, secret: demo.managementKeys.kernel }));
  // A remote change the failed refresh must NOT bring in.
  demo.kernel.seedKey({ name: 'would-be-added' });
  demo.kernel.resetStats();
  core.sleeps.length = 0;
});
afterEach(async () => {
  await core.cleanup();
  await demo.stop();
});

describe('fault switches on the list route: the right code, the inventory unchanged', () => {
  const cases: Array<[string, FaultSpec, string, { requests: number; sleeps: number }]> = [
    ['5xx', { kind: 'status', status: 503 }, 'provider_unavailable', { requests: 3, sleeps: 2 }],
    ['500', { kind: 'status', status: 500 }, 'provider_unavailable', { requests: 3, sleeps: 2 }],
    ['429 with a long Retry-After', { kind: 'rate-limit', retryAfterSeconds: 120 }, 'rate_limited', { requests: 1, sleeps: 0 }],
    ['429 with a short Retry-After, persistent', { kind: 'rate-limit', retryAfterSeconds: 2 }, 'rate_limited', { requests: 3, sleeps: 2 }],
    ['slow beyond the client timeout', { kind: 'slow', delayMs: 3_000 }, 'timeout', { requests: 3, sleeps: 2 }],
    ['connection reset', { kind: 'reset' }, 'network', { requests: 3, sleeps: 2 }],
    ['malformed JSON', { kind: 'malformed' }, 'malformed_response', { requests: 1, sleeps: 0 }],
    ['oversized body', { kind: 'oversized' }, 'response_too_large', { requests: 1, sleeps: 0 }],
  ];

  it.each(cases)('%s', async (_label, fault, code, expected) => {
    const before = await inventory();
    demo.kernel.setFault('GET /org/api_keys', fault);
    const r = await core.api.invoke('workspaces.refresh', { id: wsId });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe(code);
    expectNoSecret(r.error.message, [demo.managementKeys.kernel]);
    expect(await inventory()).toBe(before);
    expect(demo.kernel.getStats().byRoute['GET /org/api_keys']).toBe(expected.requests);
    expect(core.sleeps).toHaveLength(expected.sleeps);
    if (fault.kind === 'rate-limit') {
      expect(r.error.retryAfterSeconds).toBe(fault.retryAfterSeconds);
      if (expected.sleeps) expect(core.sleeps).toEqual([2000, 2000]);
    }
    const row = core.db.prepare('SELECT last_error_code FROM workspace_sync WHERE workspace_id = ?').get(wsId) as { last_error_code: string };
    expect(row.last_error_code).toBe(code);
  });

  it('a transient 503 is retried with backoff and the refresh then succeeds', async () => {
    demo.kernel.setFault('GET /org/api_keys', { kind: 'status', status: 503, times: 1 });
    const report = await must(core.api.invoke('workspaces.refresh', { id: wsId }));
    expect(report.added).toBe(1);
    expect(core.sleeps).toEqual([225]);
  });

  it('a transient reset and a transient 429 are retried too', async () => {
    demo.kernel.setFault('GET /org/api_keys', { kind: 'reset', times: 1 });
    await must(core.api.invoke('workspaces.refresh', { id: wsId }));
    demo.kernel.setFault('GET /org/api_keys', { kind: 'rate-limit', retryAfterSeconds: 1, times: 1 });
    await must(core.api.invoke('workspaces.refresh', { id: wsId }));
    expect(core.sleeps).toEqual([225, 1000]);
  });
});

describe('faults on a non-idempotent call: never retried, ambiguity reported', () => {
  const { http, sleeps } = testHttp();
  const client = () => new KernelClient(http, { baseUrl: demo.urls.kernel, token: demo.managementKeys.kernel, workspaceKey: 'w' });

  it.each([
    ['5xx', { kind: 'status', status: 503 } as FaultSpec, 'provider_unavailable', false],
    ['slow', { kind: 'slow', delayMs: 3_000 } as FaultSpec, 'timeout', true],
    ['reset', { kind: 'reset' } as FaultSpec, 'network', true],
    ['malformed', { kind: 'malformed' } as FaultSpec, 'malformed_response', true],
  ])('create with %s: one request, code %s', async (_l, fault, code, ambiguous) => {
    demo.kernel.setFault('POST /org/api_keys', fault);
    sleeps.length = 0;
    const e = await failure(() => client().create({ name: 'ci' }));
    expect(e.code).toBe(code);
    expect(isAmbiguous(e)).toBe(ambiguous);
    expect(demo.kernel.getStats().byRoute['POST /org/api_keys']).toBe(1);
    expect(sleeps).toEqual([]);
    expectNoSecret(e.message, [demo.managementKeys.kernel]);
  });

  it('"applied but the response was lost": the error says so, and a refresh finds the key', async () => {
    demo.kernel.setFault('POST /org/api_keys', { kind: 'lost' });
    const before = demo.kernel.keys.size;
    const e = await failure(() => client().create({ name: 'lost-one' }));
    expect(e.code).toBe('network');
    expect(isAmbiguous(e)).toBe(true);
    expect(e.message).toMatch(/may have been applied/);
    expect(demo.kernel.keys.size).toBe(before + 1);
    const report = await must(core.api.invoke('workspaces.refresh', { id: wsId }));
    expect(report.added).toBe(2);
    const keys = await must(core.api.invoke('keys.list', { workspaceId: wsId }));
    expect(keys.some((k) => k.name === 'lost-one' && !k.hasSecret)).toBe(true);
  });

  it('Kernle rotate (cycle) lost: the old key is already dead, which the error makes plain', async () => {
    const user = [...demo.kernle.users.keys()][0]!;
    const worker = demo.kernle.seedKey(user, 'worker');
    demo.kernle.setFault('POST /auth/keys/:id/cycle', { kind: 'lost' });
    const { KernleClient, KernleShapeCache } = await import('../../../electron/core/providers');
    const c = new KernleClient(http, { baseUrl: demo.urls.kernle, token: demo.managementKeys.kernle, workspaceKey: 'k' }, new KernleShapeCache());
    const e = await failure(() => c.rotate(worker.record.id));
    expect(isAmbiguous(e)).toBe(true);
    expect(demo.kernle.keys.get(worker.record.id)?.is_active).toBe(false);
  });
});
