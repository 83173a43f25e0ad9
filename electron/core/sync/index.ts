export { SyncService, DEFAULT_SYNC_LIMITS, type SyncLimits } from './sync-service';
export { runLimited } from './scheduler';
export { applyRemoteKeys } from './apply-remote';
