export { KinesisClient, type KinesisOptions } from './client';
