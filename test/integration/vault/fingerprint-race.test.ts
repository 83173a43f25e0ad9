import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FINGERPRINT_ACCOUNT } from '../../../electron/core/vault/fingerprint';
import { KeyringSecretStore } from '../../../electron/core/store/keyring-secret-store';
import { withFileLock } from '../../../electron/core/store/file-lock';
import { cliEnv, runCli } from '../../helpers/cli';
import { makeTestCore, testService } from '../../helpers/test-core';

describe('finding 9: the duplicate-detection key on a fresh keychain', () => {
  // Three rounds, each on a keychain service no process has used: the race is first-use only.
  it('finding 9: 4 CLI processes importing the same secret at once: one import, three duplicates, no keychain error, one HMAC key', async () => {
    for (let round = 0; round < 3; round++) {
      const dataDir = mkdtempSync(join(tmpdir(), 'keydeck-race-'));
      const service = testService();
      const env = cliEnv(dataDir, service);
      const secret = `sk-race-${round}-000000000000001`;
      const runs = await Promise.all(Array.from({ length: 4 }, (_, i) => runCli(['import', '--name', `p${i}`, '--provider', 'kernle'], { env, stdin: `${secret}\n` })));
      const outcomes = runs.map((r) => (r.code === 0 ? 'imported' : /\[(\w+)\]/.exec(r.stderr)?.[1] ?? r.stderr));
      expect(outcomes.filter((o) => o === 'imported'), `round ${round}: ${outcomes.join(', ')}`).toHaveLength(1);
      expect(outcomes.filter((o) => o === 'duplicate_key'), `round ${round}: ${outcomes.join(', ')}`).toHaveLength(3);
      const accounts = (await new KeyringSecretStore(service).find()).map((a) => a.account);
      expect(accounts.filter((a) => a === FINGERPRINT_ACCOUNT)).toHaveLength(1);
      expect(accounts.filter((a) => a !== FINGERPRINT_ACCOUNT)).toHaveLength(1); // one secret, stored once
      const core = makeTestCore({ dataDir, service });
      await core.cleanup();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('a lock left by a process that is gone is broken, not waited on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keydeck-lock-'));
    const path = join(dir, 'x.lock');
    writeFileSync(path, `999999999 ${Date.now()}`); // a pid no process has
    const started = Date.now();
    expect(await withFileLock(path, async () => 'ran', { waitMs: 2_000 })).toBe('ran');
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(readdirSync(dir)).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('a live holder is waited for, and the waiter runs after it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keydeck-lock-'));
    const path = join(dir, 'x.lock');
    const order: string[] = [];
    let release!: () => void;
    const held = withFileLock(path, () => new Promise<void>((r) => (release = () => (order.push('first'), r()))));
    const waiter = withFileLock(path, async () => void order.push('second'));
    release();
    await Promise.all([held, waiter]);
    expect(order).toEqual(['first', 'second']);
    rmSync(dir, { recursive: true, force: true });
  });
});
