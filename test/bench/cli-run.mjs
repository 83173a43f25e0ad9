// `npm run bench:cli`: whole-process wall time of the CLI's everyday commands against their floor
// (test/bench/cli-floor.mjs: Node start + one keychain read, + one spawn for `run`), all in the
// same run and the same private keyring session, interleaved, printed as medians and ratios.
// BENCH_RUNS (default 15), BENCH_KEYS (keys in the database, default 50).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { reexecInKeyringSession } from '../keyring-session.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
reexecInKeyringSession(fileURLToPath(import.meta.url), process.argv.slice(2), root);

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const KEYS = Number(process.env.BENCH_KEYS ?? 50);
const CLI = join(root, 'out/main/cli.js');
const FLOOR = join(root, 'test/bench/cli-floor.mjs');
const dataDir = mkdtempSync(join(tmpdir(), 'keydeck-bench-cli-'));
const cacheDir = mkdtempSync(join(tmpdir(), 'keydeck-bench-cache-'));
const service = `keydeck-bench-${randomBytes(4).toString('hex')}`;
// Its own compile cache, so the figures are the same on a first run as on the hundredth.
const env = { ...process.env, KEYDECK_DATA_DIR: dataDir, KEYDECK_KEYCHAIN_SERVICE: service, NODE_COMPILE_CACHE: cacheDir };

const cli = (args, input) => {
  const r = spawnSync(process.execPath, ['--', CLI, ...args], { env, input, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`keydeck ${args.join(' ')}: exit ${r.status}: ${r.stderr}`);
  return r.stdout;
};

const time = (argv) => {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${argv.join(' ')}: exit ${r.status}: ${r.stderr}`);
  return ms;
};

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], p90: s[Math.min(s.length - 1, Math.ceil(s.length * 0.9) - 1)] };
};

const ids = [];
try {
  for (let i = 0; i < KEYS; i++) ids.push(JSON.parse(cli(['import', '--name', `bench-${i}`, '--provider', 'kernle', '--json'], `sk-bench-cli-${String(i).padStart(16, '0')}\n`)).id);
  const node = (...args) => [process.execPath, ...args];
  // Each case names the floor it is compared with.
  const cases = {
    floor: { argv: node(FLOOR, service, ids[0]) },
    'floor + spawn': { argv: node(FLOOR, service, ids[0], 'true') },
    'keydeck read REF': { argv: node('--', CLI, 'read', 'keydeck://-/bench-0'), floor: 'floor', target: 1.25 },
    'keydeck reveal ID': { argv: node('--', CLI, 'reveal', ids[0]), floor: 'floor', target: 1.25 },
    'keydeck keys': { argv: node('--', CLI, 'keys'), floor: 'floor', target: 1.5 },
    'keydeck run -- true': { argv: node('--', CLI, 'run', '-e', 'T=keydeck://-/bench-0', '--', 'true'), floor: 'floor + spawn' },
  };
  const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (const { argv } of Object.values(cases)) time(argv); // warm the page cache, the compile cache and the keyring daemon
  // Interleaved, so a noisy neighbour slows every case alike rather than one of them.
  for (let i = 0; i < RUNS; i++) for (const [name, { argv }] of Object.entries(cases)) samples[name].push(time(argv));
  console.log(`keydeck CLI, whole-process wall time over ${RUNS} interleaved runs each (${KEYS} keys, same machine, same keyring session)`);
  for (const [name, c] of Object.entries(cases)) {
    const s = stats(samples[name]);
    const ratio = c.floor ? `   ×${(s.median / stats(samples[c.floor]).median).toFixed(2)} ${c.floor}${c.target ? ` (target ≤ ${c.target}×)` : ''}` : '';
    console.log(`  ${name.padEnd(20)} median ${s.median.toFixed(0).padStart(4)} ms   p90 ${s.p90.toFixed(0).padStart(4)} ms${ratio}`);
  }
  console.log('  floor = Node start + one keychain read (test/bench/cli-floor.mjs); + spawn = and one child process');
} finally {
  for (const id of ids) spawnSync(process.execPath, ['--', CLI, 'delete', id], { env, stdio: 'ignore' });
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(cacheDir, { recursive: true, force: true });
}
