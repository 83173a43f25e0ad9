import { REFRESH, type ProviderSpec } from '../spec';
import { KernelClient, type KernelOptions } from './client';

/**
 * `/rotate` keeps the old key for a grace of whole days; deployments without it get the seed's
 * own guide (create, then delete the old key), recorded under its own plan.
 */
export const kernelSpec: ProviderSpec = {
  id: 'kernel-sh',
  plans: { 'atomic-with-grace': 'kernel-rotate', 'create-then-delete': 'kernel-create-then-delete' },
  refresh: { autoIntervalMs: 6 * REFRESH.HOUR, manualMinGapMs: 0 },
  reportsLastUse: false,
  client: (ctx, conn) => new KernelClient(ctx.http, conn, { clock: ctx.clock, memory: ctx.memory, ...(ctx.options as KernelOptions) }),
};
