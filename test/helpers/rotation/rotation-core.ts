import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../../../electron/core/create-core';
import { silentLogger } from '../../../electron/core/log';
import type { CoreEvent, SecretStore } from '../../../electron/core/ports';
import { KeyringSecretStore } from '../../../electron/core/store/keyring-secret-store';
import { KernelImitation, startDemo, type DemoImitations } from '../../imitations';
import { clientFor, ManualTimers, must, TestClock, testService, diskText, disposeTestCore } from '../test-core';
import { testHttp } from '../providers/http';

export interface RotationTestCore extends Core {
  api: ReturnType<typeof clientFor>;
  secrets: KeyringSecretStore;
  clock: TestClock;
  events: CoreEvent[];
  timers: ManualTimers;
  dataDir: string;
  service: string;
  dbBytes(): string;
  /** Closes this core only: the data dir and keychain stay for a "restart". */
  close(): void;
  /** Closes and removes everything. */
  cleanup(): Promise<void>;
}

/** The real core (keychain, SQLite) on a data dir and keychain service that a "restart" can reopen. */
export function makeRotationCore(opts: { dataDir?: string; service?: string; clock?: TestClock; wrapSecrets?: (real: KeyringSecretStore) => SecretStore } = {}): RotationTestCore {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'keydeck-rot-'));
  const service = opts.service ?? testService();
  const secrets = new KeyringSecretStore(service);
  const clock = opts.clock ?? new TestClock(Date.now());
  const events: CoreEvent[] = [];
  const timers = new ManualTimers();
  const { http } = testHttp();
  const core = createCore({ dataDir, secrets: opts.wrapSecrets ? opts.wrapSecrets(secrets) : secrets, clock, events: { emit: (e) => events.push(e) }, logger: silentLogger, timers, http });
  return {
    ...core,
    api: clientFor(core.router),
    secrets,
    clock,
    events,
    timers,
    dataDir,
    service,
    dbBytes: () => diskText(dataDir),
    close: () => core.close(),
    cleanup: () => disposeTestCore(core, secrets, dataDir),
  };
}

export type Service = 'kernel' | 'kernle' | 'asimov' | 'kinesis';
const PROVIDER = { kernel: 'kernel-sh', kernle: 'kernle', asimov: 'asimov-kernel', kinesis: 'kinesis' } as const;

/** Adds and connects a workspace for one imitation; returns its id and management key id. */
export async function connect(core: RotationTestCore, demo: DemoImitations, service: Service, environment: 'dev' | 'prod' = 'dev') {
  const ws = await must(core.api.invoke('workspaces.add', { name: `Acme ${service}`, provider: PROVIDER[service], baseUrl: demo.urls[service], environment }));
  const report = await must(core.api.invoke('workspaces.connect', { id: ws.id, secret: demo.managementKeys[service] }));
  return { workspaceId: ws.id, managementKeyId: report.managementKeyId };
}

export const auditKinds = async (core: RotationTestCore, keyId?: string) =>
  (await must(core.api.invoke('audit.list', keyId ? { keyId } : {}))).map((e) => e.kind);

export const progressSteps = (core: RotationTestCore, rotationId: string) =>
  core.events.flatMap((e) => (e.name === 'rotation.progress' && e.payload.rotationId === rotationId ? [`${e.payload.step}:${e.payload.state}`] : []));

/** The four imitations; for the create-then-delete path, kernel.sh is an older deployment without `/rotate` (405). */
export async function startDemoFor(path: string): Promise<DemoImitations> {
  const demo = await startDemo();
  if (path !== 'kernel.sh create-then-delete') return demo;
  await demo.kernel.stop();
  const k = new KernelImitation({ rotate: 405 });
  const url = await k.start();
  const admin = k.seedKey({ name: 'keydeck-management' });
  return Object.assign(demo, { kernel: k, urls: { ...demo.urls, kernel: url }, managementKeys: { ...demo.managementKeys, kernel: admin.secret } });
}
