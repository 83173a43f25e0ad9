import { REFRESH, type ProviderSpec } from '../spec';
import { KinesisClient, type KinesisOptions } from './client';

/** Self-hosted, tokens made in its web UI: a refresh only re-verifies the management token. */
export const kinesisSpec: ProviderSpec = {
  id: 'kinesis',
  plans: {},
  refresh: { autoIntervalMs: 12 * REFRESH.HOUR, manualMinGapMs: 0 },
  reportsLastUse: false,
  client: (ctx, conn) => new KinesisClient(ctx.http, conn, ctx.options as KinesisOptions),
};
