import { REFRESH, type ProviderSpec } from '../spec';
import { KernleClient } from './client';
import { KernleShapeCache } from './shape-cache';

/** Every call is billed against the user's quota: read once a day, and "Check now" at most every 15 minutes. */
export const kernleSpec: ProviderSpec = {
  id: 'kernle',
  plans: { atomic: 'kernle-cycle' },
  refresh: { autoIntervalMs: 24 * REFRESH.HOUR, manualMinGapMs: 15 * REFRESH.MINUTE },
  reportsLastUse: true,
  persistsShape: (v) => v === 'A' || v === 'B',
  client: (ctx, conn) => new KernleClient(ctx.http, conn, new KernleShapeCache(ctx.memory)),
};
