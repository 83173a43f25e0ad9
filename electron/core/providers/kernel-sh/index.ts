export { KernelClient, type KernelOptions } from './client';
