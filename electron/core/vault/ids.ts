import { randomBytes } from '../crypto';

/** Local ids double as keychain account names: short, opaque, and never derived from a secret. */
export const newKeyId = () => `k_${randomBytes(10).toString('hex')}`;
export const newWorkspaceId = () => `w_${randomBytes(8).toString('hex')}`;
