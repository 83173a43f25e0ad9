import type { SecretStore } from '../../electron/core/ports';

/** The benchmark measures HTTP and SQLite, not the keychain: secrets stay in this process only. */
export class MemorySecretStore implements SecretStore {
  private readonly items = new Map<string, string>();
  async get(account: string) {
    return this.items.get(account) ?? null;
  }
  async set(account: string, secret: string) {
    this.items.set(account, secret);
  }
  async delete(account: string) {
    return this.items.delete(account);
  }
  async find() {
    return [...this.items.keys()].map((account) => ({ account }));
  }
}
