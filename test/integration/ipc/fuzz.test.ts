import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../../shared/contract';
import { fuzz, fuzzWorld, type FuzzWorld } from './fuzz';

/** `npm run fuzz` sets KEYDECK_FUZZ_COUNT (20,000); `npm test` runs 2,000. Same seed, same payloads. */
const COUNT = Number(process.env.KEYDECK_FUZZ_COUNT ?? 2_000);
const SEED = Number(process.env.KEYDECK_FUZZ_SEED ?? 0x6b6579);
const ANSWER_DEADLINE_MS = 5_000;

describe('IPC fuzz: every channel, hostile payloads', () => {
  let world: FuzzWorld;
  beforeAll(async () => {
    world = await fuzzWorld();
  });
  afterAll(() => world.close());

  it(`${COUNT} seeded payloads: 0 uncaught, 0 non-Result answers, 0 internal errors, 0 beyond ${ANSWER_DEADLINE_MS} ms, 0 secret echoes`, async () => {
    const stats = await fuzz(world, COUNT, SEED, ANSWER_DEADLINE_MS);
    if (process.env.KEYDECK_FUZZ_REPORT) console.log(JSON.stringify({ codes: stats.codes, perChannel: stats.perChannel }));
    expect(stats.payloads).toBe(COUNT);
    expect(Object.keys(stats.perChannel).sort()).toEqual([...CHANNELS].sort());
    expect(stats.uncaught).toEqual([]);
    expect(stats.nonResult).toEqual([]);
    expect(stats.internal).toEqual([]);
    expect(stats.slow).toEqual([]);
    expect(stats.echoes).toEqual([]);
    // The fuzz reached past validation too: some calls succeeded, most were refused with a reason.
    expect(stats.codes.ok ?? 0).toBeGreaterThan(COUNT / 20);
    expect(stats.codes.invalid_input ?? 0).toBeGreaterThan(COUNT / 4);
    // The planted key is still there and still whole, or keys.delete (a payload may name it) took
    // it away entirely: no keychain item left behind for a key the vault no longer lists.
    const present = (await world.core.router.invoke('keys.get', { id: world.planted.keyId })).ok;
    expect(await world.core.secrets.get(world.planted.keyId)).toBe(present ? world.planted.secret : null);
  }, 120_000 + COUNT * 60);
});
