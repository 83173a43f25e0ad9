// The memory half of `npm run bench:list`, bundled as the app bundles the core and run in a
// plain Node process: its RSS is the core's, not the TypeScript loader's. Prints one JSON line.
import { createCore } from '../../electron/core/create-core';
import { silentLogger } from '../../electron/core/log';
import { seedKeys } from '../helpers/seed-keys';
import { MemorySecretStore } from './memory-secrets';

const mb = () => Math.round((process.memoryUsage().rss / 1024 / 1024) * 10) / 10;
const NOW = new Date('2026-11-23T12:00:00Z');
const timers = { setTimeout: () => 0, clearTimeout: () => {} };
// `seed DIR N` fills a vault and exits; `run DIR` opens it in a fresh process and lists, so the
// figures are the core's own, not the seeding's garbage; `feed DIR` polls the change feed.
const [mode, dataDir, count] = process.argv.slice(2) as [string, string, string | undefined];
const core = createCore({ dataDir, secrets: new MemorySecretStore(), logger: silentLogger, timers, changeTimers: timers, clock: { now: () => new Date(NOW) } });
try {
  if (mode === 'seed') {
    seedKeys(core.db, { keys: Number(count), workspaces: 50, now: NOW });
  } else if (mode === 'feed') {
    // The app's change feed polls four times a second: 40,000 polls are ~3 hours of a window left open.
    for (let i = 0; i < 1_000; i++) core.changes.check();
    const before = mb();
    for (let i = 0; i < 40_000; i++) core.changes.check();
    console.log(JSON.stringify({ before, after: mb() }));
  } else {
    const opened = mb();
    const rss: Record<number, number> = {};
    for (let i = 1; i <= 300; i++) {
      const r = await core.router.invoke('keys.list', i % 2 ? {} : { query: 'alpha' });
      if (!r.ok) throw new Error(r.error.message);
      if (i === 10 || i === 40 || i === 100 || i === 300) rss[i] = mb();
    }
    console.log(JSON.stringify({ opened, rss, heapMb: Math.round(process.memoryUsage().heapUsed / 1048576) }));
  }
} finally {
  core.close();
}
