export * from './types';
export { ProviderRegistry, providerSpec, type ProviderRegistryOptions } from './registry';
export type { ProviderSpec, ApiRotateMethod } from './spec';
export { KernelClient } from './kernel-sh';
export { KernleClient, KernleShapeCache, type KernleShape } from './kernle';
export { AsimovClient } from './asimov-kernel';
export { KinesisClient } from './kinesis';
