export { ImitationServer, type ImitationOptions } from './server';
export type { FaultSpec, FaultKind, ImitationStats, Reply, Route } from './types';
export { KernelImitation, type KernelImitationOptions, type KernelKeyRecord } from './kernel-sh';
export { KernleImitation, type KernleImitationOptions, type KernleKeyRecord, type KernleShape } from './kernle';
export { AsimovImitation, type AsimovImitationOptions, ASIMOV_SCOPES } from './asimov-kernel';
export { KinesisImitation, type KinesisImitationOptions } from './kinesis';
export { startDemo, type DemoImitations } from './demo';
export { OtherImitation, type OtherImitationOptions } from './other';
