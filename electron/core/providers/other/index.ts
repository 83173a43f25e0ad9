export { OtherTokenClient } from './client';
export { otherSpec } from './spec';
