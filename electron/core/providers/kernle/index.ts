export { KernleClient } from './client';
export { KernleShapeCache } from './shape-cache';
export type { KernleShape } from './schemas';
export { kernleSpec } from './spec';
