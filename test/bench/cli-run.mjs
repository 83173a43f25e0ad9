// `npm run bench:cli`: whole-process wall time of `keydeck run -- true` and `keydeck read`
// against the floor (test/bench/cli-floor.mjs: Node start + one keychain read + one spawn), all in
// the same run and the same private keyring session, printed as ratios. BENCH_RUNS (default 15).
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
const CLI = join(root, 'out/main/cli.js');
const FLOOR = join(root, 'test/bench/cli-floor.mjs');
const dataDir = mkdtempSync(join(tmpdir(), 'keydeck-bench-cli-'));
const service = `keydeck-bench-${randomBytes(4).toString('hex')}`;
const env = { ...process.env, KEYDECK_DATA_DIR: dataDir, KEYDECK_KEYCHAIN_SERVICE: service };

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

try {
  const key = JSON.parse(cli(['import', '--name', 'bench', '--provider', 'kernle', '--json'], 'sk-bench-cli-0000000000000001\n'));
  const cases = {
    floor: [process.execPath, FLOOR, service, key.id, 'true'],
    'keydeck run -- true': [process.execPath, '--', CLI, 'run', '-e', 'T=keydeck://-/bench', '--', 'true'],
    'keydeck read': [process.execPath, '--', CLI, 'read', 'keydeck://-/bench'],
  };
  const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (const argv of Object.values(cases)) time(argv); // warm the page cache and the keyring daemon
  // Interleaved, so a noisy neighbour slows every case alike rather than one of them.
  for (let i = 0; i < RUNS; i++) for (const [name, argv] of Object.entries(cases)) samples[name].push(time(argv));
  const floor = stats(samples.floor);
  console.log(`keydeck CLI, whole-process wall time over ${RUNS} runs each (same machine, same keyring session)`);
  for (const [name, xs] of Object.entries(samples)) {
    const s = stats(xs);
    const ratio = name === 'floor' ? '' : `   ×${(s.median / floor.median).toFixed(2)} the floor`;
    console.log(`  ${name.padEnd(22)} median ${s.median.toFixed(0).padStart(4)} ms   p90 ${s.p90.toFixed(0).padStart(4)} ms${ratio}`);
  }
  console.log('  floor = Node start + one keychain read + one spawn (test/bench/cli-floor.mjs)');
} finally {
  spawnSync(process.execPath, ['--', CLI, 'delete', 'bench'], { env, stdio: 'ignore' });
  rmSync(dataDir, { recursive: true, force: true });
}
