// The memory half of `npm run bench:list`, bundled as the app bundles the core and run in a
// plain Node process: its RSS is the core's, not the TypeScript loader's. Prints one JSON line.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../electron/core/create-core';
import { silentLogger } from '../../electron/core/log';
import { seedKeys } from '../helpers/seed-keys';
import { MemorySecretStore } from './memory-secrets';

const mb = () => Math.round((process.memoryUsage().rss / 1024 / 1024) * 10) / 10;
const NOW = new Date('2026-11-23T12:00:00Z');
const timers = { setTimeout: () => 0, clearTimeout: () => {} };
const keys = Number(process.argv[2] ?? 10_000);
const dataDir = mkdtempSync(join(tmpdir(), 'keydeck-bench-mem-'));
const core = createCore({ dataDir, secrets: new MemorySecretStore(), logger: silentLogger, timers, changeTimers: timers, clock: { now: () => new Date(NOW) } });
try {
  seedKeys(core.db, { keys, workspaces: 50, now: NOW });
  const loaded = mb();
  const rss: Record<number, number> = {};
  for (let i = 1; i <= 100; i++) {
    const r = await core.router.invoke('keys.list', i % 2 ? {} : { query: 'alpha' });
    if (!r.ok) throw new Error(r.error.message);
    if (i === 10 || i === 40 || i === 100) rss[i] = mb();
  }
  console.log(JSON.stringify({ loaded, rss, heapMb: Math.round(process.memoryUsage().heapUsed / 1048576) }));
} finally {
  core.close();
  rmSync(dataDir, { recursive: true, force: true });
}
