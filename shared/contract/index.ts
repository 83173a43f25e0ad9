export * from './names';
export * from './contract';
export * from './bridge';
export * as inputs from './inputs';
