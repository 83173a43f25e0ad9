import { randomBytes } from '../crypto';
import { AppError } from '../errors';
import type { SecretStore } from '../ports';
import { write, type Db } from '../store/database';
import { maskSecret } from '../vault/mask';
import { detailOf, type Journal } from './journal';
import type { RotationProgress } from './progress';
import type { RotationRecords } from './records';

/** A probe value is never a secret: recognisable, so a crash between its write and its removal cannot make it one. */
const PROBE = 'keydeck-keychain-probe:';
export const isProbe = (value: string | null): boolean => value !== null && value.startsWith(PROBE);

/**
 * The keychain step. Before any call the service cannot undo (rotate, cycle, create), the slot
 * for the new secret is proven writable; after it, the secret goes there at once. If the
 * keychain still refuses then, the secret is never dropped: it stays in this process's memory
 * (a "Retry" while it runs stores it), is handed to the user once in the result, and an
 * attention item says it is not stored.
 */
export class KeychainStep {
  /** New key id → its secret, only while the keychain refuses it. Never written anywhere else. */
  private readonly unsaved = new Map<string, string>();

  constructor(
    private readonly db: Db,
    private readonly secrets: SecretStore,
    private readonly journal: Journal,
    private readonly records: RotationRecords,
    private readonly progress: RotationProgress,
  ) {}

  /**
   * Starts `read` (the management key's) and opens the new key's slot while it runs: building a
   * keychain entry is blocking work (~5 ms on the Secret Service). The caller writes its journal
   * row before it waits for the read, and records a failed read there (`readFor`).
   */
  open<T>(id: string, read: () => Promise<T>): Promise<T> {
    const reading = read();
    reading.catch(() => {});
    this.secrets.prepare?.(id);
    return reading;
  }

  /** The read `open` started; a failure fails the rotation's journal row with its message, and is thrown on. */
  async readFor<T>(rotationId: string, reading: Promise<T>): Promise<T> {
    try {
      return await reading;
    } catch (e) {
      this.progress.fail(rotationId, e instanceof AppError ? e.code : null, e instanceof AppError ? e.message : 'The management key could not be read from the keychain.');
      throw e;
    }
  }

  /**
   * Proves the new key's slot before the call: a probe value is written and removed again, and
   * the removal must find it. That is the one check of the keychain a rotation makes: a store
   * that refused the write, or took it and did not keep it, stops the rotation with nothing
   * changed, and no read is spent on it (the removal says whether the probe was there).
   */
  async prove(rotationId: string, id: string, what: string): Promise<void> {
    let kept: boolean | null = null;
    try {
      await this.secrets.set(id, `${PROBE}${randomBytes(8).toString('hex')}`);
      kept = await this.secrets.delete(id);
    } catch {
      // A probe left behind is never taken for a secret (isProbe), and `store` overwrites it.
      await this.secrets.delete(id).catch(() => false);
    }
    if (kept) return;
    const how = kept === false ? 'took a test write but did not keep it' : 'refused a test write';
    const message = `The keychain ${how}, so Keydeck did not ask the service to ${what}: nothing was changed. Unlock the keychain (or check that its service is running), then try again.`;
    this.progress.fail(rotationId, 'keychain_unavailable', message);
    throw new AppError('keychain_unavailable', message);
  }

  /**
   * Stores the new secret; false when the keychain refused it twice. After an irreversible call the
   * secret is then kept in memory and reported; otherwise (a pasted token) the rotation just fails.
   */
  async store(rotationId: string, id: string, secret: string, opts: { irreversible: boolean } = { irreversible: true }): Promise<boolean> {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await this.secrets.set(id, secret);
        this.unsaved.delete(id);
        return true;
      } catch {
        // A locked or busy keychain sometimes refuses once: one more try before telling the user.
      }
    }
    const row = this.journal.get(rotationId)!;
    if (!opts.irreversible) {
      this.progress.fail(rotationId, 'keychain_unavailable', `The keychain refused the new token of "${detailOf(row).name}"; nothing was changed.`);
      return false;
    }
    this.unsaved.set(id, secret);
    this.progress.needsAttention(row, 'keychain_unavailable', this.unsavedMessage(detailOf(row).name, secret));
    return false;
  }

  unsavedMessage(name: string, secret: string): string {
    return `The new key of "${name}" (${maskSecret(secret)}) exists at the service but is NOT stored in the keychain, which refused it. Keydeck showed it to you once: save it now. Unlock the keychain and choose "Retry" while Keydeck is still open to store it, or connect the workspace again with it.`;
  }

  /** The secret of a key whose keychain write failed earlier in this process, stored now if the keychain takes it. */
  async retryUnsaved(rotationId: string, id: string): Promise<string | null> {
    const secret = this.unsaved.get(id);
    if (secret === undefined) return null;
    if (!(await this.store(rotationId, id, secret))) {
      throw new AppError('keychain_unavailable', 'The keychain still refuses the new key. Unlock it, then retry; Keydeck keeps the key in memory until it quits.');
    }
    if (this.records.keysRepo.get(id)) write(this.db, () => this.records.updateKey(id, { has_secret: 1 }, this.progress.now()));
    return secret;
  }

  /** What a crash left in the new key's slot: a probe value counts as nothing. */
  async read(id: string): Promise<string | null> {
    const value = await this.secrets.get(id);
    if (!isProbe(value)) return value;
    await this.secrets.delete(id).catch(() => false);
    return null;
  }
}
