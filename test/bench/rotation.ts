// `npm run bench:rotation`: a kernel.sh rotation in process (router → engine: journal, keychain
// probe, provider, keychain, metadata, verify, retire) against its floor: the same HTTP calls made
// raw with undici and the same keychain operations made raw with @napi-rs/keyring, in the same
// run, keyring session and imitation server (on a thread of its own, as a service runs elsewhere),
// interleaved. The bench checks that both sides made the same calls before it prints a ratio.
// BENCH_ROTATIONS (default 60: a keychain write varies by milliseconds here).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { AsyncEntry } from '@napi-rs/keyring';
import { Agent, request } from 'undici';
import { createCore } from '../../electron/core/create-core';
import { silentLogger } from '../../electron/core/log';
import type { SecretStore } from '../../electron/core/ports';
import { KeyringSecretStore } from '../../electron/core/store/keyring-secret-store';
import { reexecInKeyringSession } from '../keyring-session.mjs';
import { KernelThread } from './kernel-thread';

const root = fileURLToPath(new URL('../..', import.meta.url));
reexecInKeyringSession(fileURLToPath(import.meta.url), process.argv.slice(2), root);

const ROTATIONS = Number(process.env.BENCH_ROTATIONS ?? 60);
const service = `keydeck-bench-${randomBytes(4).toString('hex')}`;
const opts = { linux: { store: 'secret-service' as const } };
const kernel = await KernelThread.start();
const url = kernel.url;
const admin = (await kernel.seedKey('keydeck-management')).secret;
const dataDir = mkdtempSync(join(tmpdir(), 'keydeck-bench-rotation-'));
const store = new KeyringSecretStore(service);

/**
 * Which keychain operations a side made, in order: both sides must make the same ones. `prepare`
 * builds an entry (the raw side's `new AsyncEntry`), which both sides do for the new key's slot.
 */
let keychainOps: string[] = [];
const OPERATIONS = new Set(['get', 'set', 'delete', 'getOrCreate', 'find']);
const counted: SecretStore = new Proxy(store, {
  get: (target, prop) => {
    const v = Reflect.get(target, prop) as unknown;
    if (typeof v !== 'function') return v;
    return (...args: unknown[]) => {
      if (OPERATIONS.has(String(prop))) keychainOps.push(String(prop));
      return (v as (...a: unknown[]) => unknown).apply(target, args);
    };
  },
});
const core = createCore({ dataDir, secrets: counted, logger: silentLogger, timers: { setTimeout: () => 0, clearTimeout: () => {} } });
const call = async <T>(channel: string, input: unknown): Promise<T> => {
  const r = await core.router.invoke(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
};
const routes = () => kernel.routes();
const diff = async (before: Record<string, number>) => Object.entries(await routes()).flatMap(([r, n]) => (n > (before[r] ?? 0) ? [`${r} ×${n - (before[r] ?? 0)}`] : [])).sort();

const agent = new Agent({ keepAliveTimeout: 10_000 });
const ws = await call<{ id: string }>('workspaces.add', { name: 'bench', provider: 'kernel-sh', baseUrl: url, environment: 'dev' });
const { managementKeyId } = await call<{ managementKeyId: string }>('workspaces.connect', { id: ws.id, secret: admin });
let engineKey = (await call<{ key: { id: string } }>('keys.create', { workspaceId: ws.id, name: 'bench-engine', expiresInDays: 30 })).key.id;
const engineKeys = [engineKey];
// The raw side rotates its own key at the same service.
let rawRemote = (await kernel.seedKey('bench-raw', 30)).id;
const rawAccounts: string[] = [];
const rawAccount = () => `k_raw_${randomBytes(6).toString('hex')}`;

async function engineRotation(): Promise<void> {
  const r = await call<{ state: string; newKey: { id: string } }>('keys.rotate', { id: engineKey });
  if (r.state !== 'done') throw new Error(`rotation ended ${r.state}`);
  engineKey = r.newKey.id;
  engineKeys.push(engineKey);
}

/** What the engine does at the service and the keychain, with nothing around it, one call after another. */
let mgmtEntry: AsyncEntry | undefined;
async function rawRotation(): Promise<void> {
  const mgmt = await (mgmtEntry ??= new AsyncEntry(service, managementKeyId, opts)).getPassword();
  const account = rawAccount();
  const slot = new AsyncEntry(service, account, opts);
  await slot.setPassword('probe');
  await slot.deletePassword();
  const res = await request(`${url}/org/api_keys/${rawRemote}/rotate`, { method: 'POST', dispatcher: agent, headers: { authorization: `Bearer ${mgmt}`, 'content-type': 'application/json' }, body: '{}' });
  const created = (await res.body.json()) as { id: string; key: string };
  if (res.statusCode !== 200 && res.statusCode !== 201) throw new Error(`raw rotate: ${res.statusCode}`);
  await slot.setPassword(created.key);
  const verify = await request(`${url}/org/api_keys?limit=1`, { dispatcher: agent, headers: { authorization: `Bearer ${created.key}` } });
  await verify.body.json();
  if (verify.statusCode !== 200) throw new Error(`raw verify: ${verify.statusCode}`);
  rawRemote = created.id;
  rawAccounts.push(account);
  keychainOps.push('get', 'set', 'delete', 'set');
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const timed = async (fn: () => Promise<void>) => {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
};

try {
  // One of each first: warms both, and shows that both made the same calls.
  let before = await routes();
  keychainOps = [];
  await engineRotation();
  const engineCalls = { http: await diff(before), keychain: keychainOps.join(' ') };
  before = await routes();
  keychainOps = [];
  await rawRotation();
  const rawCalls = { http: await diff(before), keychain: keychainOps.join(' ') };
  if (JSON.stringify(engineCalls) !== JSON.stringify(rawCalls)) throw new Error(`the two sides made different calls: engine ${JSON.stringify(engineCalls)}, raw ${JSON.stringify(rawCalls)}`);

  const engine: number[] = [];
  const raw: number[] = [];
  for (let i = 0; i < ROTATIONS; i++) {
    engine.push(await timed(engineRotation));
    raw.push(await timed(rawRotation));
  }
  const e = median(engine);
  const r = median(raw);
  console.log(`kernel.sh rotation in process, ${ROTATIONS} interleaved runs each (private keyring session, imitation on 127.0.0.1, its own thread)`);
  console.log(`  calls, both sides: ${engineCalls.http.join(', ')}; keychain ${engineCalls.keychain}`);
  console.log(`  raw (undici + @napi-rs/keyring)          median ${r.toFixed(2).padStart(6)} ms`);
  console.log(`  keys.rotate (router → engine)            median ${e.toFixed(2).padStart(6)} ms   ×${(e / r).toFixed(2)} raw (target ≤ 1.10×)`);
} finally {
  core.close();
  await agent.close();
  await kernel.stop();
  // Every generation the engine made is in the data dir's keys; the raw side's are listed here.
  for (const id of [managementKeyId, ...engineKeys, ...rawAccounts]) await store.delete(id).catch(() => {});
  rmSync(dataDir, { recursive: true, force: true });
}
