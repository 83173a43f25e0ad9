import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type DemoImitations } from '../../imitations';
import { must } from '../../helpers/test-core';
import { connect, makeRotationCore, startDemoFor, type RotationTestCore, type Service } from '../../helpers/rotation/rotation-core';
import { runCrashingCli } from '../../helpers/rotation/crash';

/**
 * The crash matrix: each rotation path is killed (SIGKILL) right after each step in a child
 * process running the built CLI; a new core on the same data dir and keychain then reconciles.
 * After that: the current key's secret works at the imitation, no live remote key is unknown
 * and unreported, and the recorded .env file holds the working secret.
 */
const STEPS = ['journal', 'provider', 'keychain', 'metadata', 'verify', 'retire', 'usages'] as const;
type Path = 'kernel.sh rotate' | 'kernel.sh create-then-delete' | 'Kernle cycle' | 'Asimov guided';
const PATHS: Path[] = ['kernel.sh rotate', 'kernel.sh create-then-delete', 'Kernle cycle', 'Asimov guided'];
const matrix: Record<string, Record<string, string>> = {};

afterAll(() => {
  const lines = [`| path | ${STEPS.join(' | ')} |`, `|---|${STEPS.map(() => '---').join('|')}|`];
  for (const p of PATHS) if (matrix[p]) lines.push(`| ${p} | ${STEPS.map((s) => matrix[p]?.[s] ?? '—').join(' | ')} |`);
  const text = lines.join('\n');
  mkdirSync('test-results', { recursive: true });
  writeFileSync(join('test-results', 'rotation-crash-matrix.md'), `${text}\n`);
  console.log(`\nRotation crash matrix (service × step → outcome after restart + reconcile)\n${text}\n`);
});

async function setup(path: Path): Promise<{ demo: DemoImitations; core: RotationTestCore; keyId: string; name: string; service: Service; envFile: string; oldSecret: string; call: { channel: string; input: unknown } }> {
  const demo = await startDemoFor(path);
  const core = makeRotationCore();
  const service: Service = path.startsWith('kernel.sh') ? 'kernel' : path === 'Kernle cycle' ? 'kernle' : 'asimov';
  const { workspaceId } = await connect(core, demo, service);
  const name = 'deploy-bot';
  let keyId: string;
  let oldSecret: string;
  let call: { channel: string; input: unknown };
  if (service === 'asimov') {
    const user = [...demo.asimov.users.keys()][0]!;
    oldSecret = demo.asimov.issueToken(user, { name, scopes: ['read'], expiresInDays: 30 }).secret;
    keyId = (await must(core.api.invoke('keys.import', { name, provider: 'asimov-kernel', workspaceId, secret: oldSecret }))).id;
    const fresh = demo.asimov.issueToken(user, { name: `${name}-2`, scopes: ['read'], expiresInDays: 90 });
    call = { channel: 'keys.guidedRotate', input: { id: keyId, secret: fresh.secret } };
  } else {
    const c = await must(core.api.invoke('keys.create', { workspaceId, name }));
    keyId = c.key.id;
    oldSecret = c.secret;
    call = { channel: 'keys.rotate', input: { id: keyId, graceSeconds: 0 } };
  }
  const envFile = join(core.dataDir, 'app.env');
  writeFileSync(envFile, `OTHER=1\nAPI_KEY=${oldSecret}\n`, { mode: 0o600 });
  await must(core.api.invoke('usages.add', { keyId, envVar: 'API_KEY', filePath: envFile }));
  core.close();
  return { demo, core, keyId, name, service, envFile, oldSecret, call };
}

/** Whether a secret works at the imitation right now. */
function works(demo: DemoImitations, service: Service, secret: string): boolean {
  const now = Date.now();
  if (service === 'kernel') return [...demo.kernel.keys.values()].some((k) => k.plaintext === secret && !k.deleted_at && (!k.expires_at || Date.parse(k.expires_at) > now));
  if (service === 'kernle') return [...demo.kernle.keys.values()].some((k) => k.plaintext === secret && k.is_active);
  return [...demo.asimov.tokens.values()].some((t) => t.plaintext === secret && !t.revoked_at && Date.parse(t.expires_at) > now);
}

/** Live remote keys with this name: [plaintext]. */
function liveRemote(demo: DemoImitations, service: Service, name: string): string[] {
  const now = Date.now();
  if (service === 'kernel') return [...demo.kernel.keys.values()].filter((k) => k.name === name && !k.deleted_at && (!k.expires_at || Date.parse(k.expires_at) > now)).map((k) => k.plaintext);
  if (service === 'kernle') return [...demo.kernle.keys.values()].filter((k) => k.name === name && k.is_active).map((k) => k.plaintext);
  return [...demo.asimov.tokens.values()].filter((t) => t.name.startsWith(name) && !t.revoked_at).map((t) => t.plaintext);
}

describe('crash matrix: SIGKILL after each step, then restart and reconcile', () => {
  for (const path of PATHS) {
    for (const step of STEPS) {
      it(`${path} × ${step}`, async () => {
        const s = await setup(path);
        try {
          const run = await runCrashingCli(s.core.dataDir, s.core.service, s.call.channel, s.call.input, step);
          expect(run.signal, run.stderr).toBe('SIGKILL');

          const core = makeRotationCore({ dataDir: s.core.dataDir, service: s.core.service });
          s.core = core;
          await core.services.rotation.reconcile();

          const keys = await must(core.api.invoke('keys.list', { query: s.name }));
          const current = keys.filter((k) => k.hasSecret && k.status !== 'revoked' && k.status !== 'expired' && k.name.startsWith(s.name));
          const rows = await must(core.api.invoke('rotations.list', { keyId: s.keyId }));
          const rot = rows.find((r) => r.plan !== 'create')!;
          const attention = await must(core.api.invoke('rotations.attention', {}));
          // The one key in use: the new one when the rotation finished, else the old one.
          const inUse = rot.state === 'done' ? rot.newKeyId : s.keyId;
          const secret = await core.secrets.get(inUse);
          expect(secret, `no secret for the key in use (${rot.state})`).not.toBeNull();
          expect(works(s.demo, s.service, secret!), 'the current secret works at the imitation').toBe(true);

          // Every live remote key of that name is one Keydeck holds, or one it reported.
          const held = new Set<string>();
          for (const k of keys) {
            const v = await core.secrets.get(k.id);
            if (v) held.add(v);
          }
          const unknown = liveRemote(s.demo, s.service, s.name).filter((p) => !held.has(p));
          if (unknown.length) expect(attention.length, 'an unknown live remote key must be reported').toBeGreaterThan(0);

          // Two current keys only when the user is told (grace / scheduled / web-ui / attention).
          const live = current.filter((k) => k.status === 'active');
          if (live.length > 1) expect(attention.length + keys.filter((k) => k.status === 'grace').length).toBeGreaterThan(0);

          const env = readFileSync(s.envFile, 'utf8');
          if (rot.state === 'done') expect(env).toBe(`OTHER=1\nAPI_KEY=${secret}\n`);

          const det = JSON.parse((core.db.prepare('SELECT detail FROM rotations WHERE id = ?').get(rot.id) as { detail: string }).detail) as { orphans?: string[] };
          const outcome =
            rot.state === 'done'
              ? det.orphans?.length
                ? 'orphan deleted + replaced → done'
                : step === 'keychain'
                  ? 'adopted → done'
                  : 'resumed → done'
              : rot.state === 'failed'
                ? 'undone, old key unchanged'
                : `${rot.state}, reported`;
          if (rot.state === 'needs_attention') expect(attention.some((a) => a.rotationId === rot.id)).toBe(true);
          (matrix[path] ??= {})[step] = outcome;
        } finally {
          await s.core.cleanup();
          await s.demo.stop();
        }
      });
    }
  }
});
