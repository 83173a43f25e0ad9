// `npm run bench`: a sweep over 20 workspaces × 25 keys against the imitation servers with a
// fixed latency, compared with the ideal (requests ÷ concurrency × latency). Tunable by env:
// BENCH_WORKSPACES, BENCH_KEYS, BENCH_HOSTS, BENCH_LATENCY_MS, BENCH_PAGE_SIZE, BENCH_CONCURRENCY, BENCH_PER_HOST.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../electron/core/create-core';
import { HttpClient } from '../../electron/core/http';
import { silentLogger } from '../../electron/core/log';
import { KernelImitation } from '../imitations/kernel-sh';
import { MemorySecretStore } from './memory-secrets';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const WORKSPACES = env('BENCH_WORKSPACES', 20);
const KEYS = env('BENCH_KEYS', 25);
const HOSTS = env('BENCH_HOSTS', 4);
const LATENCY = env('BENCH_LATENCY_MS', 50);
const PAGE = env('BENCH_PAGE_SIZE', 10);
const CONCURRENCY = env('BENCH_CONCURRENCY', 8);
const PER_HOST = env('BENCH_PER_HOST', 2);

const servers = Array.from({ length: HOSTS }, () => new KernelImitation());
const urls = await Promise.all(servers.map((s) => s.start()));
const dataDir = mkdtempSync(join(tmpdir(), 'keydeck-bench-'));
const timers = { setTimeout: () => 0, clearTimeout: () => {} };
const core = createCore({
  dataDir,
  secrets: new MemorySecretStore(),
  logger: silentLogger,
  timers,
  http: new HttpClient({ connectionsPerOrigin: PER_HOST }),
  providers: { kernel: { pageSize: PAGE } },
  syncLimits: { concurrency: CONCURRENCY, perHost: PER_HOST },
});

const call = async (channel: string, input: unknown) => {
  const r = await core.router.invoke(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value as Record<string, unknown>;
};

try {
  for (let w = 0; w < WORKSPACES; w++) {
    const server = servers[w % HOSTS]!;
    const project = `proj_${w}`;
    server.addProject(project, project);
    const admin = server.seedKey({ name: `admin-${w}`, projectId: project }).secret;
    for (let k = 1; k < KEYS; k++) server.seedKey({ name: `key-${w}-${k}`, projectId: project, expiresInDays: 30 + k });
    const ws = await call('workspaces.add', { name: `bench-${w}`, provider: 'kernel-sh', baseUrl: urls[w % HOSTS], environment: 'dev' });
    await call('workspaces.connect', { id: ws.id, secret: admin });
  }
  for (const s of servers) {
    s.latencyMs = LATENCY;
    s.resetStats();
  }

  const started = performance.now();
  const report = await call('workspaces.sweep', {});
  const elapsed = performance.now() - started;

  const stats = servers.map((s) => s.getStats());
  const requests = stats.reduce((n, s) => n + s.requests, 0);
  const effective = Math.min(CONCURRENCY, HOSTS * PER_HOST);
  const ideal = (requests / effective) * LATENCY;
  const pagesPerWorkspace = Math.ceil(KEYS / PAGE);
  // Pages of one workspace are sequential: the best any schedule can do is whole rounds of them.
  const idealSequential = Math.ceil(WORKSPACES / effective) * pagesPerWorkspace * LATENCY;
  const synced = (core.db.prepare(`SELECT COUNT(*) AS n FROM keys`).get() as { n: number }).n;

  const out = [
    `sweep: ${WORKSPACES} workspaces × ${KEYS} keys on ${HOSTS} hosts, latency ${LATENCY} ms, page size ${PAGE}`,
    `limits: concurrency ${CONCURRENCY}, per host ${PER_HOST} (effective ${effective})`,
    `result: ${report.succeeded}/${report.total} workspaces, ${synced} keys in the inventory, ${requests} requests`,
    `time:   ${elapsed.toFixed(0)} ms`,
    `ideal:  ${ideal.toFixed(0)} ms (requests ÷ concurrency × latency) → ${(elapsed / ideal).toFixed(2)}×`,
    `        ${idealSequential} ms (with each workspace's ${pagesPerWorkspace} pages in sequence) → ${(elapsed / idealSequential).toFixed(2)}×`,
    `peak concurrent requests per host:    ${stats.map((s) => s.peakInFlight).join(', ')}`,
    `peak concurrent connections per host: ${stats.map((s) => s.peakConnections).join(', ')}`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
  if ((report.failed as unknown[]).length > 0 || stats.some((s) => s.peakInFlight > PER_HOST)) process.exitCode = 1;
} finally {
  core.close();
  await Promise.all(servers.map((s) => s.stop()));
  rmSync(dataDir, { recursive: true, force: true });
}
