import { REFRESH, type ProviderSpec } from '../spec';
import { OtherTokenClient } from './client';

/** No token API: a refresh only re-runs the workspace's verify call, twice a day. */
export const otherSpec: ProviderSpec = {
  id: 'other',
  plans: {},
  refresh: { autoIntervalMs: 12 * REFRESH.HOUR, manualMinGapMs: 0 },
  reportsLastUse: false,
  client: (ctx, conn) => new OtherTokenClient(ctx.http, conn),
};
