import { REFRESH, type ProviderSpec } from '../spec';
import { AsimovClient } from './client';

/** No token API: a refresh only re-verifies the management token. */
export const asimovSpec: ProviderSpec = {
  id: 'asimov-kernel',
  plans: {},
  refresh: { autoIntervalMs: 12 * REFRESH.HOUR, manualMinGapMs: 0 },
  reportsLastUse: false,
  client: (ctx, conn) => new AsimovClient(ctx.http, conn),
};
