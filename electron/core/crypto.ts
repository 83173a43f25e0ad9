import type { BinaryLike, Hash, Hmac, KeyObject } from 'node:crypto';

/**
 * node:crypto, loaded on first use. Loading it costs ~4 ms, a tenth of a `keydeck read`, which
 * never needs it; the core's ids, fingerprints and temp-file names all come through here.
 */
const crypto = () => process.getBuiltinModule('node:crypto');

export const randomBytes = (size: number): Buffer => crypto().randomBytes(size);
export const createHash = (algorithm: string): Hash => crypto().createHash(algorithm);
export const createHmac = (algorithm: string, key: BinaryLike | KeyObject): Hmac => crypto().createHmac(algorithm, key);
