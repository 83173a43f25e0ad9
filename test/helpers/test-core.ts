import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createCore, type Core } from '../../electron/core/create-core';
import { silentLogger } from '../../electron/core/log';
import type { Clock, CoreEvent } from '../../electron/core/ports';
import { KeyringSecretStore } from '../../electron/core/store/keyring-secret-store';

/** A clock tests move by hand: no test waits for real time to pass. */
export class TestClock implements Clock {
  constructor(private t = Date.parse('2026-11-23T12:00:00Z')) {}
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t += ms;
  }
  set(iso: string): void {
    this.t = Date.parse(iso);
  }
}

export interface TestCore extends Core {
  dataDir: string;
  service: string;
  secrets: KeyringSecretStore;
  clock: TestClock;
  events: CoreEvent[];
  cleanup(): Promise<void>;
}

/** The real core on the real keychain and a real SQLite file, under names no person uses. */
export function testService(): string {
  return `keydeck-test-${process.pid}-${randomBytes(4).toString('hex')}`;
}

export function makeTestCore(opts: { dataDir?: string; service?: string } = {}): TestCore {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'keydeck-test-'));
  const service = opts.service ?? testService();
  const secrets = new KeyringSecretStore(service);
  const clock = new TestClock();
  const events: CoreEvent[] = [];
  const core = createCore({ dataDir, secrets, clock, events: { emit: (e) => events.push(e) }, logger: silentLogger });
  return {
    ...core,
    dataDir,
    service,
    secrets,
    clock,
    events,
    async cleanup() {
      core.close();
      for (const { account } of await secrets.find().catch(() => [])) await secrets.delete(account).catch(() => false);
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Unwraps a Result for tests that expect success, with the error in the failure message. */
export async function must<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r.value;
}

import { createClient, type KeydeckClient } from '../../shared/contract';
import type { Router } from '../../electron/core/ipc/router';

/** The renderer's typed client, over the router directly: the same contract, no transport. */
export function clientFor(router: Router): KeydeckClient {
  return createClient({ invoke: (c, i) => router.invoke(c, i), on: () => () => {} });
}
