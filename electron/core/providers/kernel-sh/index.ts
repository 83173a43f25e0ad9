export { KernelClient, type KernelOptions } from './client';
export { kernelSpec } from './spec';
