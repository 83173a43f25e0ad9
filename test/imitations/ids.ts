import { randomBytes, randomUUID } from 'node:crypto';

const B32 = '0123456789abcdefghjkmnpqrstvwxyz';
const pick = (alphabet: string, n: number) => Array.from(randomBytes(n), (b) => alphabet[b % alphabet.length]).join('');

/** kernel.sh ids look like `key_01jwv4tn5m8k3q2v7x9p0a1bc2`. */
export const kernelKeyId = () => `key_01${pick(B32, 24)}`;
export const kernelSecret = () => `sk_${pick('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 40)}`;
export const kernleSecretB = () => `knl_sk_${randomBytes(16).toString('hex')}`;
export const kernleSecretA = () => `sk-${pick('abcdefghijklmnopqrstuvwxyz0123456789', 40)}`;
export const uuid = () => randomUUID();
export const shortId = (prefix: string) => `${prefix}_${randomBytes(8).toString('hex')}`;
export const opaqueToken = (prefix: string) => `${prefix}${randomBytes(24).toString('base64url')}`;

export const addDays = (d: Date, days: number) => new Date(d.getTime() + days * 86_400_000);
