// `npm run bench:keychain`: the keychain adapter's reads in process against the floor of raw
// `@napi-rs/keyring` calls, in a private keyring session. Two floors: a new AsyncEntry per read
// (what the adapter did before it kept its entries) and one AsyncEntry reused. BENCH_READS (default 40).
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { AsyncEntry } from '@napi-rs/keyring';
import { KeyringSecretStore } from '../../electron/core/store/keyring-secret-store';
import { reexecInKeyringSession } from '../keyring-session.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
reexecInKeyringSession(fileURLToPath(import.meta.url), process.argv.slice(2), root);

const READS = Number(process.env.BENCH_READS ?? 40);
const ROUNDS = 5;
const service = `keydeck-bench-${randomBytes(4).toString('hex')}`;
const account = 'k_bench';
const opts = { linux: { store: 'secret-service' as const } };
const secret = `sk-bench-keychain-${randomBytes(8).toString('hex')}`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < READS; i++) if ((await fn()) !== secret) throw new Error('the keychain answered another value');
  return (performance.now() - t0) / READS;
}

const adapter = new KeyringSecretStore(service);
await adapter.set(account, secret);
try {
  const reused = new AsyncEntry(service, account, opts);
  const cases: Record<string, () => Promise<unknown>> = {
    'raw, one AsyncEntry reused': () => reused.getPassword(),
    'raw, new AsyncEntry per read': () => new AsyncEntry(service, account, opts).getPassword(),
    'adapter get (KeyringSecretStore)': () => adapter.get(account),
  };
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (const fn of Object.values(cases)) await fn(); // warm the daemon and the adapter's entry
  for (let r = 0; r < ROUNDS; r++) for (const [name, fn] of Object.entries(cases)) samples[name]!.push(await timed(fn));
  const floor = median(samples['raw, one AsyncEntry reused']!);
  console.log(`keychain reads in process, ms per read (median of ${ROUNDS} rounds × ${READS} reads, private keyring session)`);
  for (const [name, xs] of Object.entries(samples)) {
    const m = median(xs);
    console.log(`  ${name.padEnd(34)} ${m.toFixed(2).padStart(6)} ms   ×${(m / floor).toFixed(2)} the floor`);
  }
} finally {
  await adapter.delete(account);
}
