// `npm run bench:list`: `keys.list` in process, through the router (validation included), on a
// seeded vault of 10,000 keys / 50 workspaces; the core's RSS over 100 calls; and the no-filter
// and broad-search times at 1,000 / 10,000 / 50,000 keys. Medians; figures, no assertions.
// BENCH_LIST_RUNS sets the runs per figure.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../../electron/core/create-core';
import { silentLogger } from '../../electron/core/log';
import { seedKeys } from '../helpers/seed-keys';
import { MemorySecretStore } from './memory-secrets';

const RUNS = Number(process.env.BENCH_LIST_RUNS ?? 25);
const NOW = new Date('2026-11-23T12:00:00Z');
const timers = { setTimeout: () => 0, clearTimeout: () => {} };

function open(keys: number): { core: Core; done: () => void } {
  const dataDir = mkdtempSync(join(tmpdir(), 'keydeck-bench-list-'));
  const core = createCore({ dataDir, secrets: new MemorySecretStore(), logger: silentLogger, timers, changeTimers: timers, clock: { now: () => new Date(NOW) } });
  seedKeys(core.db, { keys, workspaces: 50, now: NOW });
  return { core, done: () => (core.close(), rmSync(dataDir, { recursive: true, force: true })) };
}

async function list(core: Core, input: object): Promise<number> {
  const r = await core.router.invoke('keys.list', input);
  if (!r.ok) throw new Error(`keys.list: ${r.error.message}`);
  return (r.value as unknown[]).length;
}

async function median(core: Core, input: object, runs = RUNS): Promise<{ ms: number; rows: number }> {
  let rows = await list(core, input); // warm: statement cache, JIT
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    rows = await list(core, input);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)]!, rows };
}

const fmt = (ms: number) => ms.toFixed(2).padStart(7);
const line = (label: string, r: { ms: number; rows: number }, target: number) =>
  console.log(`  ${label.padEnd(34)} ${String(r.rows).padStart(6)} rows ${fmt(r.ms)} ms   target ≤ ${target} ms   ${r.ms <= target ? 'ok' : 'OVER'}`);

const CASES: Array<[string, object, number]> = [
  ['narrow search "needle"', { query: 'needle' }, 2],
  ['broad search "alpha"', { query: 'alpha' }, 10],
  ['status=expired', { status: 'expired' }, 10],
  ['no filter', {}, 10],
  ['status=working, current, no revoked', { status: 'working', current: true, hideRevoked: true }, 10],
  ['workspace + search "prod"', { workspaceId: 'w_seed0002', query: 'prod' }, 2],
];

const mb = () => process.memoryUsage().rss / 1024 / 1024;
const idle = mb();
const { core, done } = open(10_000);
try {
  const seeded = mb();
  console.log(`keys.list in process, 10,000 keys / 50 workspaces (median of ${RUNS})`);
  for (const [label, input, target] of CASES) line(label, await median(core, input), target);

  const rss: number[] = [];
  for (let i = 1; i <= 100; i++) {
    await list(core, {});
    if (i === 10 || i === 40 || i === 100) rss.push(mb());
  }
  const [r10, r40, r100] = rss as [number, number, number];
  // The bench process carries the TypeScript loader and its worker; the core's share is the growth.
  console.log(`  RSS of the bench process: ${idle.toFixed(0)} MB with the core loaded, ${seeded.toFixed(0)} MB after seeding 10,000 keys`);
  console.log(
    `  RSS after 10 / 40 / 100 no-filter calls: ${r10.toFixed(0)} / ${r40.toFixed(0)} / ${r100.toFixed(0)} MB` +
      `   the core's share ${(r100 - idle).toFixed(0)} MB, target ≤ 120 MB, flat (40→100: ${(r100 - r40 >= 0 ? '+' : '') + (r100 - r40).toFixed(1)} MB)   ${r100 - idle <= 120 && r100 - r40 < 10 ? 'ok' : 'OVER'}`,
  );
} finally {
  done();
}

console.log('scaling (median, ms per call; ×/key relative to 1,000 keys — ≤ 1.0 is linear or better)');
let base: { none: number; broad: number } | undefined;
for (const n of [1_000, 10_000, 50_000]) {
  const { core: c, done: d } = open(n);
  try {
    const none = (await median(c, {}, Math.min(RUNS, n > 10_000 ? 9 : RUNS))).ms;
    const broad = (await median(c, { query: 'alpha' }, Math.min(RUNS, n > 10_000 ? 9 : RUNS))).ms;
    base ??= { none, broad };
    const per = (v: number, b: number) => ((v / b) * (1_000 / n)).toFixed(2);
    console.log(`  ${String(n).padStart(6)} keys   no filter ${fmt(none)} ms (×/key ${per(none, base.none)})   broad search ${fmt(broad)} ms (×/key ${per(broad, base.broad)})`);
  } finally {
    d();
  }
}
