import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { z } from 'zod';
import { CHANNELS, contract, type Channel } from '../../../shared/contract';
import { ERROR_CODES } from '../../../shared/result';
import { testHttp } from '../../helpers/providers/http';
import { clientFor, makeTestCore, must, type TestCore } from '../../helpers/test-core';

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The field names a channel's input schema declares (through refinements, defaults and pipes). */
function fieldsOf(schema: z.ZodType): string[] {
  let s = schema as unknown as { _zod: { def: Record<string, unknown> } };
  for (let i = 0; i < 6; i++) {
    const def = s._zod.def;
    if (def.type === 'object') return Object.keys(def.shape as object);
    const inner = (def.in ?? def.innerType ?? def.schema) as typeof s | undefined;
    if (!inner) return [];
    s = inner;
  }
  return [];
}

/** Characters a paste or a hostile renderer may carry: invisible, direction-changing, NUL, broken. */
const NASTY = ['\u0000', '\u200b', '\u200d', '\u202e', '\u2066', '\ufeff', '\u001b[31m', '\r', '\n', '\ud800', '\udfff', '\u0085', '\u00a0', '😀', '../', '%00', '${x}', '$(id)', '`id`', "'", '"', '\\'];

export interface FuzzStats {
  payloads: number;
  perChannel: Record<string, number>;
  nonResult: string[];
  slow: string[];
  echoes: string[];
  internal: string[];
  uncaught: string[];
  codes: Record<string, number>;
}

export interface FuzzWorld {
  core: TestCore;
  planted: { keyId: string; secret: string };
  workspaceId: string;
  inputSecret: string;
  dir: string;
  replant(): Promise<void>;
  close(): Promise<void>;
}

/** A real core (keychain, SQLite) with a planted secret the fuzzer never sends but must never see. */
export async function fuzzWorld(): Promise<FuzzWorld> {
  // Unreachable loopback ports and an offline resolver answer at once; the deadline bounds the rest.
  const { http } = testHttp({ timeouts: { connectMs: 500, headersMs: 500, bodyMs: 500, deadlineMs: 1_500 }, retry: { attempts: 1 } });
  const core = makeTestCore({ http });
  const api = clientFor(core.router);
  const secret = 'sk_planted_Q7vX2mN9pL4kR8tW3yZ6';
  const dir = mkdtempSync(join(tmpdir(), 'keydeck-fuzz-'));
  writeFileSync(join(dir, '.env'), `KERNEL_API_KEY=${secret}\n`);
  const world: FuzzWorld = {
    core,
    planted: { keyId: '', secret },
    workspaceId: '',
    inputSecret: 'sk_input_only_H3jK8sD1fG5aZ0xC',
    dir,
    async replant() {
      const keys = await must(api.invoke('keys.list', {}));
      if (!keys.some((k) => k.id === world.planted.keyId)) {
        const found = await core.router.invoke('keys.import', { name: 'planted', provider: 'kernel-sh', secret });
        world.planted.keyId = found.ok ? (found.value as { id: string }).id : (keys.find((k) => k.name === 'planted')?.id ?? world.planted.keyId);
      }
      const ws = await must(api.invoke('workspaces.list', {}));
      if (!ws.some((w) => w.id === world.workspaceId)) {
        world.workspaceId = (await must(api.invoke('workspaces.add', { name: 'fuzz', provider: 'kernel-sh', baseUrl: 'http://127.0.0.1:9', environment: 'prod' }))).id;
      }
    },
    async close() {
      await core.cleanup(); // closes the HTTP client with the core
    },
  };
  await world.replant();
  return world;
}

/** One payload for a channel: mostly well-shaped objects with one or more fields spoiled. */
function payload(channel: Channel, rnd: () => number, w: FuzzWorld): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const str = (base: string): string => {
    const r = rnd();
    if (r < 0.45) {
      // A nasty character at a random place: the most common real-world corruption.
      const at = Math.floor(rnd() * (base.length + 1));
      return base.slice(0, at) + pick(NASTY) + base.slice(at);
    }
    if (r < 0.5) return base.repeat(1 + Math.floor(rnd() * 20_000)).slice(0, 200_000); // huge
    if (r < 0.55) return '';
    if (r < 0.6) return ` ${base} `;
    return base;
  };
  /** Values for a field by name: the first is valid where the channel's ids exist, the rest are not. */
  const candidates = (field: string): unknown[] => {
    switch (field) {
      case 'id':
      case 'keyId':
        return channel.startsWith('workspaces.') ? [w.workspaceId, w.planted.keyId, 'w_0'] : [w.planted.keyId, w.workspaceId, 'k_00000000000000000000', 'r_0', 'u_0'];
      case 'workspaceId':
        return [w.workspaceId, 'w_00000000000000000000'];
      case 'secret':
        return [w.inputSecret];
      case 'provider':
        return ['kernel-sh', 'kernle', 'asimov-kernel', 'kinesis', 'github'];
      case 'environment':
        return ['dev', 'staging', 'prod', 'qa'];
      case 'baseUrl':
        return ['http://127.0.0.1:9', 'http://localhost:9/api', 'https://kinesis.invalid', 'http://evil.example.com', 'javascript:alert(1)'];
      case 'filePath':
        return [join(w.dir, '.env'), join(w.dir, '..', 'x', '.env'), '/dev/zero', 'relative/.env'];
      case 'path':
        return [w.dir, join(w.dir, 'missing'), '/dev/zero', 'relative/dir'];
      case 'paths':
        return [[w.dir], [join(w.dir, 'missing')], 'x', [''], ['relative']];
      case 'envVar':
        return ['KERNEL_API_KEY', 'BAD NAME', '1X'];
      case 'expiresAt':
      case 'validFrom':
        return ['2027-01-31', '2026-11-30T10:00:00Z', 'soon', '2027-13-45'];
      case 'scopes':
        return [['read'], [], ['read', 'write'], 'read', [1]];
      case 'action':
        return ['dismiss', 'retry', 'revoke-now', 'confirm-revoked', 'explode'];
      case 'days':
      case 'warningDays':
        return [[14, 3, 1], null, [0], [400], 'default'];
      case 'theme':
        return ['dark', 'system', 'light', 'sepia'];
      case 'color':
        return ['slate', 'red', '#ff0000'];
      case 'clipboardClearSeconds':
        return [45, 10, 0, -1, 1.5, 1e12, Number.NaN];
      case 'digestHour':
        return [9, 0, 24, -1, 1.5];
      case 'graceSeconds':
      case 'expiresInDays':
      case 'limit':
        return [7, 1, 30, 3600, 0, -1, 1.5, 1e12, Number.NaN];
      case 'deleteKeys':
      case 'launchAtLogin':
      case 'envBackup':
        return [false, true, 'yes'];
      case 'name':
      case 'keyName':
        return ['fuzzed name'];
      default:
        return ['value'];
    }
  };
  const sample = (field: string): unknown => pick(candidates(field));
  const spoil = (v: unknown): unknown => {
    const r = rnd();
    if (typeof v === 'string' && r < 0.7) return str(v);
    if (r < 0.8) return undefined; // as Electron's structured clone delivers an unset field
    if (r < 0.85) return null;
    if (r < 0.9) return pick([42, true, [], {}, [v], { nested: v }]);
    return v;
  };
  const top = rnd();
  if (top > 0.96) return pick([undefined, null, 42, 'keys', [], true, Number.NaN]);
  const fields = fieldsOf(contract[channel].input as z.ZodType);
  if (top < 0.5 && fields.length > 0) {
    // A well-formed call with exactly one field spoiled: reaches the handler far more often, which
    // is where an unexpected value turns into an `internal` answer (an `undefined` field did).
    const out: Record<string, unknown> = Object.fromEntries(fields.map((f) => [f, candidates(f)[0]]));
    const f = pick(fields);
    out[f] = rnd() < 0.4 ? undefined : spoil(out[f]);
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const roll = rnd();
    if (roll < 0.15) continue;
    const v = sample(f);
    out[f] = roll < 0.6 ? spoil(v) : v;
  }
  if (rnd() < 0.08) out[str('extra')] = str('x');
  return out;
}

/** Sends `count` payloads round-robin over every channel and records what a well-behaved core must never do. */
export async function fuzz(w: FuzzWorld, count: number, seed: number, deadlineMs: number): Promise<FuzzStats> {
  const rnd = prng(seed);
  const stats: FuzzStats = { payloads: 0, perChannel: {}, nonResult: [], slow: [], echoes: [], internal: [], uncaught: [], codes: {} };
  const onUncaught = (e: unknown) => stats.uncaught.push(e instanceof Error ? `${e.name}: ${e.message}` : String(e));
  process.on('uncaughtException', onUncaught);
  process.on('unhandledRejection', onUncaught);
  try {
    for (let i = 0; i < count; i++) {
      if (i % 50 === 0) await w.replant();
      const channel = CHANNELS[i % CHANNELS.length]!;
      const input = payload(channel, rnd, w);
      const started = Date.now();
      let answer: unknown;
      try {
        answer = await w.core.router.invoke(channel, input);
      } catch (e) {
        stats.uncaught.push(`${channel}: threw ${e instanceof Error ? e.name : typeof e}`);
        continue;
      }
      const ms = Date.now() - started;
      stats.payloads++;
      stats.perChannel[channel] = (stats.perChannel[channel] ?? 0) + 1;
      const where = `#${i} ${channel} ${JSON.stringify(input)?.slice(0, 160)}`;
      if (ms > deadlineMs) stats.slow.push(`${where} took ${ms} ms`);
      if (!isResult(answer)) {
        stats.nonResult.push(where);
        continue;
      }
      const code = answer.ok ? 'ok' : answer.error.code;
      stats.codes[code] = (stats.codes[code] ?? 0) + 1;
      if (code === 'internal') stats.internal.push(`${where} → ${JSON.stringify(answer).slice(0, 200)}`);
      const text = JSON.stringify(answer);
      // keys.reveal exists to return the planted secret; nothing else may.
      const plantedAllowed = channel === 'keys.reveal' && answer.ok;
      if ((!plantedAllowed && text.includes(w.planted.secret)) || text.includes(w.inputSecret)) stats.echoes.push(where);
    }
  } finally {
    process.off('uncaughtException', onUncaught);
    process.off('unhandledRejection', onUncaught);
  }
  return stats;
}

function isResult(a: unknown): a is { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } } {
  if (!a || typeof a !== 'object' || typeof (a as { ok?: unknown }).ok !== 'boolean') return false;
  const r = a as { ok: boolean; value?: unknown; error?: { code?: unknown; message?: unknown } };
  if (r.ok) return 'value' in r;
  return !!r.error && typeof r.error.message === 'string' && (ERROR_CODES as readonly unknown[]).includes(r.error.code);
}
