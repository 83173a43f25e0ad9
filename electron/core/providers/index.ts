export * from './types';
export { ProviderRegistry, type ProviderRegistryOptions } from './registry';
export { KernelClient } from './kernel-sh';
export { KernleClient, KernleShapeCache, type KernleShape } from './kernle';
export { AsimovClient } from './asimov-kernel';
export { KinesisClient } from './kinesis';
