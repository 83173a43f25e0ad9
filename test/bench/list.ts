// `npm run bench:list`: `keys.list` in process, through the router (validation included), on a
// seeded vault of 10,000 keys / 50 workspaces; the no-filter and broad-search times at 1,000 /
// 10,000 / 50,000 keys; a key change with the expiry watcher running; and the core's RSS over 300
// calls (list-memory.ts, in a child process).
// Medians; figures, no assertions.
// BENCH_LIST_RUNS sets the runs per figure.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
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

/** `before` runs untimed ahead of each call (a write, to time the list that follows it). */
async function median(core: Core, input: object, runs = RUNS, before?: (i: number) => void): Promise<{ ms: number; rows: number }> {
  let rows = await list(core, input); // warm: statement cache, JIT
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    before?.(i);
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

const { core, done } = open(10_000);
try {
  console.log(`keys.list in process, 10,000 keys / 50 workspaces (median of ${RUNS})`);
  for (const [label, input, target] of CASES) line(label, await median(core, input), target);
  // The cache is rebuilt when a key changes (by any process); other writes leave it (migration 0013).
  const touch = core.db.prepare(`UPDATE keys SET last_used_at = ? WHERE rowid = (SELECT max(rowid) FROM keys)`);
  const audit = core.db.prepare(`INSERT INTO audit_events (at, kind, summary) VALUES (?, 'revealed', 'bench')`);
  const after = (label: string, write: (i: number) => void) => median(core, {}, RUNS, write).then((r) => console.log(`  ${label.padEnd(34)} ${String(r.rows).padStart(6)} rows ${fmt(r.ms)} ms`));
  await after('no filter, after an audit entry', (i) => audit.run(new Date(NOW.getTime() + i).toISOString()));
  await after('no filter, after a key changed', (i) => touch.run(new Date(NOW.getTime() + i).toISOString()));

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

// A key changed in the app: the write, then what the window asks for after it (use-core-events.ts).
// The expiry watcher runs as in the app; its settled look (200 ms later) is off this path.
console.log('a key change with the expiry watcher running, as in the app (median of 9)');
for (const n of [1_000, 10_000]) {
  const { core: c, done: d } = open(n);
  try {
    c.expiryScheduler.start();
    const call = async (channel: string, input: unknown) => {
      const r = await c.router.invoke(channel, input);
      if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
    };
    const write: number[] = [];
    const refresh: number[] = [];
    for (let i = 0; i < 9; i++) {
      let t = performance.now();
      await call('keys.import', { name: `bench-change-${i}`, provider: 'kernle', secret: `sk-bench-change-${n}-${i}-0000000000` });
      write.push(performance.now() - t);
      t = performance.now();
      await Promise.all([call('keys.list', {}), call('workspaces.list', {}), call('attention.list', {}), call('expiry.status', {})]);
      refresh.push(performance.now() - t);
    }
    const med = (xs: number[]) => xs.sort((a, b) => a - b)[4]!;
    console.log(`  ${String(n).padStart(6)} keys   keys.import ${fmt(med(write))} ms   the window's refresh after it ${fmt(med(refresh))} ms (one expiry pass)`);
  } finally {
    d();
  }
}

// Memory: the core bundled as the app bundles it, in a plain Node process (no TypeScript loader).
const bundleDir = join(import.meta.dirname, '../../node_modules/.cache/keydeck-bench-list');
await build({
  configFile: false,
  logLevel: 'silent',
  build: { ssr: join(import.meta.dirname, 'list-memory.ts'), outDir: bundleDir, emptyOutDir: true, minify: false },
  ssr: { noExternal: true, external: ['better-sqlite3', '@napi-rs/keyring', 'undici'] },
});
console.log('RSS of a plain Node process running the bundled core, 300 keys.list calls (no filter and broad search, alternating)');
for (const n of [1_000, 10_000, 50_000]) {
  const dir = mkdtempSync(join(tmpdir(), 'keydeck-bench-mem-'));
  const child = (...args: string[]) => execFileSync(process.execPath, [join(bundleDir, 'list-memory.mjs'), ...args], { encoding: 'utf8' });
  let m: { opened: number; rss: Record<string, number>; heapMb: number };
  try {
    child('seed', dir, String(n));
    m = JSON.parse(child('run', dir)) as typeof m;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // Flat: after the heap has found its size (100 calls), 200 more calls add less than 5 MB.
  const growth = m.rss['300']! - m.rss['100']!;
  const verdict = n === 10_000 ? `   target ≤ 120 MB, flat   ${m.rss['300']! <= 120 && growth < 5 ? 'ok' : 'OVER'}` : '';
  console.log(
    `  ${String(n).padStart(6)} keys   ${m.opened.toFixed(0)} MB opened → after 10 / 40 / 100 / 300 calls ${m.rss['10']!.toFixed(0)} / ${m.rss['40']!.toFixed(0)} / ${m.rss['100']!.toFixed(0)} / ${m.rss['300']!.toFixed(0)} MB` +
      ` (100→300 ${growth >= 0 ? '+' : ''}${growth.toFixed(1)} MB; live heap ${m.heapMb} MB)${verdict}`,
  );
}

{
  const dir = mkdtempSync(join(tmpdir(), 'keydeck-bench-mem-'));
  try {
    const feed = JSON.parse(execFileSync(process.execPath, [join(bundleDir, 'list-memory.mjs'), 'feed', dir], { encoding: 'utf8' })) as { before: number; after: number };
    const growth = feed.after - feed.before;
    console.log(`change feed, 40,000 polls (~3 hours of an open window): RSS ${feed.before.toFixed(0)} → ${feed.after.toFixed(0)} MB (${growth >= 0 ? '+' : ''}${growth.toFixed(1)} MB; target flat, < 5 MB)   ${growth < 5 ? 'ok' : 'OVER'}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
