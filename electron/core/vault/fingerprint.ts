import { createHmac, randomBytes } from '../crypto';
import type { SecretStore } from '../ports';

/** Keychain account of the HMAC key; cannot collide with key ids, which start with "k_". */
export const FINGERPRINT_ACCOUNT = '__keydeck_fingerprint_key__';

/**
 * Duplicate detection without storing anything that identifies a secret offline: the
 * database holds HMAC(secret) under a random key that itself lives only in the keychain.
 */
export class Fingerprinter {
  private key: Promise<string> | null = null;

  constructor(private readonly secrets: SecretStore) {}

  async of(secret: string): Promise<string> {
    const key = await this.loadKey();
    return createHmac('sha256', key).update(secret, 'utf8').digest('hex');
  }

  private loadKey(): Promise<string> {
    this.key ??= (async () => {
      const make = () => randomBytes(32).toString('hex');
      if (this.secrets.getOrCreate) return this.secrets.getOrCreate(FINGERPRINT_ACCOUNT, make);
      const existing = await this.secrets.get(FINGERPRINT_ACCOUNT);
      if (existing) return existing;
      await this.secrets.set(FINGERPRINT_ACCOUNT, make());
      return (await this.secrets.get(FINGERPRINT_ACCOUNT)) ?? '';
    })().catch((e: unknown) => {
      this.key = null;
      throw e;
    });
    return this.key;
  }
}
