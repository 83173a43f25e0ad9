export { KinesisClient, type KinesisOptions } from './client';
export { kinesisSpec } from './spec';
