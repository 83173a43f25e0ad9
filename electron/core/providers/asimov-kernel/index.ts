export { AsimovClient } from './client';
export { asimovSpec } from './spec';
