export { HttpClient, DEFAULT_TIMEOUTS, DEFAULT_MAX_RESPONSE_BYTES } from './http-client';
export { ProviderError, isAmbiguous, scrubText } from './errors';
export { statusError, type StatusContext } from './status';
export { parseBody, isSuccess } from './parse';
export { parseRetryAfter } from './retry';
export type * from './types';
export { ResponseBudget } from './budget';
