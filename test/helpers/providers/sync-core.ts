import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../../../electron/core/create-core';
import { silentLogger } from '../../../electron/core/log';
import type { CoreEvent } from '../../../electron/core/ports';
import type { SyncLimits } from '../../../electron/core/sync';
import { KeyringSecretStore } from '../../../electron/core/store/keyring-secret-store';
import { clientFor, ManualTimers, TestClock, testService, diskText, disposeTestCore } from '../test-core';
import { testHttp } from './http';

export interface SyncTestCore extends Core {
  api: ReturnType<typeof clientFor>;
  secrets: KeyringSecretStore;
  clock: TestClock;
  events: CoreEvent[];
  sleeps: number[];
  timers: ManualTimers;
  dataDir: string;
  /** Every byte SQLite wrote (database, WAL), for "no secret on disk" assertions. */
  dbBytes(): string;
  cleanup(): Promise<void>;
}

/**
 * The real core (keychain, SQLite) with provider HTTP made test-friendly: short timeouts and
 * backoff recorded, not slept. The clock starts at the real now so imitation expiry dates agree.
 */
export function makeSyncCore(opts: { syncLimits?: SyncLimits } = {}): SyncTestCore {
  const dataDir = mkdtempSync(join(tmpdir(), 'keydeck-sync-'));
  const secrets = new KeyringSecretStore(testService());
  const clock = new TestClock(Date.now());
  const events: CoreEvent[] = [];
  const { http, sleeps } = testHttp();
  const timers = new ManualTimers();
  const core = createCore({
    dataDir,
    secrets,
    clock,
    events: { emit: (e) => events.push(e) },
    logger: silentLogger,
    timers,
    http,
    syncLimits: opts.syncLimits,
  });
  return {
    ...core,
    api: clientFor(core.router),
    secrets,
    clock,
    events,
    sleeps,
    timers,
    dataDir,
    dbBytes: () => diskText(dataDir),
    cleanup: () => disposeTestCore(core, secrets, dataDir),
  };
}
