import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createCore, type Core, type CoreDeps } from '../../electron/core/create-core';
import { silentLogger } from '../../electron/core/log';
import type { Clock, CoreEvent, Logger, Notifier } from '../../electron/core/ports';
import type { Notice } from '../../electron/core/expiry/notices';
import type { TrayModel } from '../../electron/core/expiry/tray-model';
import type { Timers } from '../../electron/core/expiry/scheduler';
import { KeyringSecretStore } from '../../electron/core/store/keyring-secret-store';
import type { HttpClient } from '../../electron/core/http';

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
  notices: NoticeLog;
  tray: TrayModel[];
  timers: ManualTimers;
  clipboard: TestClipboard;
  cleanup(): Promise<void>;
}

/** The real core on the real keychain and a real SQLite file, under names no person uses. */
export function testService(): string {
  return `keydeck-test-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** The system clipboard is Electron's: this stands in at that boundary (core tests and the E2E harness). */
export interface TestClipboard {
  text: string;
  concealed: boolean;
  writeConcealed(t: string): Promise<void>;
  writeText(t: string): Promise<void>;
  readText(): Promise<string>;
  clear(): void;
}

export function testClipboard(): TestClipboard {
  return {
    text: '',
    concealed: false,
    async writeConcealed(t) { this.text = t; this.concealed = true; },
    async writeText(t) { this.text = t; this.concealed = false; },
    async readText() { return this.text; },
    clear() { this.text = ''; this.concealed = false; },
  };
}

/** Timers a test fires by hand; `pending` shows what the code asked for. */
export class ManualTimers implements Timers {
  pending: Array<{ fn: () => void; ms: number; handle: number }> = [];
  private next = 1;
  setTimeout(fn: () => void, ms: number): unknown {
    const handle = this.next++;
    this.pending.push({ fn, ms, handle });
    return handle;
  }
  clearTimeout(handle: unknown): void {
    this.pending = this.pending.filter((t) => t.handle !== handle);
  }
  /** Fire the first pending timer set for `ms` (a settle delay beside a long wake timer). */
  fire(ms: number): void {
    const t = this.pending.find((p) => p.ms === ms);
    if (!t) throw new Error(`no ${ms} ms timer pending`);
    this.pending = this.pending.filter((p) => p !== t);
    t.fn();
  }
  /** Fire the earliest pending timer (after the test moved the clock by its delay). */
  fireNext(): number {
    const t = this.pending.shift();
    if (!t) throw new Error('no timer pending');
    t.fn();
    return t.ms;
  }
}

export interface NoticeLog {
  shown: Notice[];
  withdrawn: string[];
  /** What the OS would be showing now: a notify with an existing id replaces it. */
  visible: Map<string, Notice>;
}

export function makeTestCore(opts: { dataDir?: string; service?: string; http?: HttpClient; leaks?: CoreDeps['leaks']; logger?: Logger } = {}): TestCore {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'keydeck-test-'));
  const service = opts.service ?? testService();
  const secrets = new KeyringSecretStore(service);
  const clock = new TestClock();
  const events: CoreEvent[] = [];
  const notices: NoticeLog = { shown: [], withdrawn: [], visible: new Map() };
  const notifier: Notifier = {
    notify: (n) => (notices.shown.push(n), notices.visible.set(n.id, n)),
    withdraw: (id) => (notices.withdrawn.push(id), notices.visible.delete(id)),
  };
  const tray: TrayModel[] = [];
  const timers = new ManualTimers();
  // The system clipboard is Electron's: this stands in at that boundary.
  const clipboard = testClipboard();
  const core = createCore({ dataDir, secrets, clock, events: { emit: (e) => events.push(e) }, logger: opts.logger ?? silentLogger, notifier, indicator: { update: (m) => tray.push(m) }, timers, clipboard, http: opts.http, leaks: opts.leaks ?? { shellHome: null } });
  return {
    ...core,
    dataDir,
    service,
    secrets,
    clock,
    events,
    notices,
    tray,
    timers,
    clipboard,
    cleanup: () => disposeTestCore(core, secrets, opts.dataDir ? null : dataDir),
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

/** Every byte SQLite wrote in a data dir (database, WAL, SHM), for "no secret on disk" assertions. */
export function diskText(dataDir: string): string {
  return readdirSync(dataDir).map((f) => readFileSync(join(dataDir, f)).toString('latin1')).join('\n');
}

/** Closes a test core, empties its throwaway keychain service and removes its data dir (when it owns one). */
export async function disposeTestCore(core: { close(): void }, secrets: KeyringSecretStore, dataDir: string | null): Promise<void> {
  core.close();
  for (const { account } of await secrets.find().catch(() => [])) await secrets.delete(account).catch(() => false);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
