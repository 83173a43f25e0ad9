import { createHash } from '../crypto';
import { join } from 'node:path';
import { AsyncEntry, findCredentialsAsync } from '@napi-rs/keyring';
import { AppError } from '../errors';
import type { SecretStore } from '../ports';
import { lockDir, withFileLock } from './file-lock';

const UNAVAILABLE_HINT =
  'Keydeck keeps secrets only in the OS keychain and found none it can use. ' +
  'Start or unlock your keyring (GNOME Keyring, KWallet or KeePassXC with its Secret Service enabled; ' +
  'on macOS the login Keychain; on Windows the Credential Manager), then try again.';

const LOCKED_HINT =
  'The OS keychain is locked or has no default collection. Unlock it (for GNOME Keyring: open "Passwords and Keys" and unlock "Login"), then try again.';

/** Enough for every key a rotation, import or sync touches at once; bounded so a long-running app stays small. */
const ENTRY_CACHE_SIZE = 256;

/**
 * The keychain adapter. On Linux the store is pinned to the Secret Service: the library's
 * default may fall back to the kernel keyring, which forgets everything at reboot. Errors
 * from the platform are replaced, not wrapped: their text is not ours to show.
 */
export class KeyringSecretStore implements SecretStore {
  /**
   * Entries already built, most recently used last. Building one is a D-Bus round trip of
   * blocking native work (~10 ms); an entry names an item, not its value, so it stays valid when
   * the item is written, deleted or changed by another process, and is reused for every call.
   */
  private readonly entries = new Map<string, AsyncEntry>();

  constructor(
    private readonly service: string,
    private readonly maxEntries = ENTRY_CACHE_SIZE,
  ) {}

  private entry(account: string): AsyncEntry {
    const cached = this.entries.get(account);
    if (cached) {
      this.entries.delete(account);
      this.entries.set(account, cached);
      return cached;
    }
    // The constructor itself talks to D-Bus on Linux and throws when there is no session; a
    // failure is not cached, so an unlocked keychain is used at the next call.
    const made = guardSync(() => new AsyncEntry(this.service, account, { linux: { store: 'secret-service' } }));
    this.entries.set(account, made);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return made;
  }

  prepare(account: string): void {
    try {
      this.entry(account);
    } catch {
      // Not cached: the first call on it builds the entry again and reports what is wrong.
    }
  }

  // Every call rides out the Secret Service's transient failures under load (retryContention);
  // a locked keychain is reported at once.
  async get(account: string): Promise<string | null> {
    return retryContention(() => guard(() => this.entry(account).getPassword()));
  }

  /**
   * One write, not read back: pinned to the Secret Service, a write into a locked or missing
   * collection is refused, never dropped (test/integration/store/keychain.test.ts shows both on
   * GNOME Keyring). Before a call the service cannot undo, the rotation engine proves the slot
   * anyway (rotation/keychain-step.ts).
   */
  async set(account: string, secret: string): Promise<void> {
    await retryContention(() => guard(() => this.entry(account).setPassword(secret)));
  }

  async delete(account: string): Promise<boolean> {
    return retryContention(() => guard(() => this.entry(account).deletePassword()));
  }

  /**
   * The value under `account`, created with `make()` if there is none, once across processes:
   * the creation runs under a lock file, so two processes starting together on a fresh keychain
   * never write two different values (the first would go on using a value the second replaced).
   */
  async getOrCreate(account: string, make: () => string): Promise<string> {
    const existing = await this.get(account);
    if (existing) return existing;
    const lock = join(lockDir(), `keydeck-${createHash('sha256').update(`${this.service}\0${account}`).digest('hex').slice(0, 16)}.lock`);
    return withFileLock(lock, async () => {
      const again = await this.get(account);
      if (again) return again;
      const value = make();
      await this.set(account, value);
      return value;
    });
  }

  async find(): Promise<Array<{ account: string }>> {
    const found = await retryContention(() => guard(() => findCredentialsAsync(this.service)));
    return found.map(({ account }) => ({ account }));
  }
}

/**
 * The Secret Service answers a burst of calls from several processes with transient failures;
 * those are retried for about a second and a half before being reported. A locked keychain is
 * the user's to unlock and is reported at once.
 */
async function retryContention<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== 'keychain_unavailable' || attempt >= 6) throw e;
      await new Promise((r) => setTimeout(r, 25 * 2 ** attempt * (0.5 + Math.random() / 2)));
    }
  }
}

function classify(cause: unknown): AppError {
  if (cause instanceof AppError) return cause;
  const text = cause instanceof Error ? cause.message : String(cause);
  if (/locked|no result found|prompt|dismissed/i.test(text)) return new AppError('keychain_locked', LOCKED_HINT);
  return new AppError('keychain_unavailable', UNAVAILABLE_HINT);
}

function guardSync<T>(fn: () => T): T {
  try {
    return fn();
  } catch (cause) {
    throw classify(cause);
  }
}

async function guard<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (cause) {
    throw classify(cause);
  }
}
