export * from './provider';
export * from './workspace';
export * from './key';
export * from './audit';
export * from './url';
export * from './settings';
export * from './expiry';
export * from './paste';
