import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KernelImitation } from '../../imitations';
import { makeTestCore, type TestCore } from '../../helpers/test-core';
import { cliEnv, runCli } from '../../helpers/cli';

/** A person's terminal session: connect, create, rotate, revoke — each a separate CLI process. */
describe('the CLI through a key\'s whole life, against the kernel.sh imitation', () => {
  let core: TestCore;
  let server: KernelImitation;
  let env: NodeJS.ProcessEnv;
  beforeEach(async () => {
    core = makeTestCore();
    server = new KernelImitation();
    await server.start();
    env = cliEnv(core.dataDir, core.service);
  });
  afterEach(async () => {
    await server.stop();
    await core.cleanup();
  });

  const cli = async (args: string[], stdin?: string) => {
    const r = await runCli([...args], { env, stdin });
    expect(r.stderr, `keydeck ${args.join(' ')}`).toBe('');
    expect(r.code).toBe(0);
    return r.stdout.trim();
  };

  it('connects with a management key, creates, rotates with grace, revokes', async () => {
    const admin = server.seedKey({ name: 'admin' }).secret;
    server.seedKey({ name: 'legacy', expiresInDays: 5 });
    const ws = JSON.parse(await cli(['workspace', 'add', '--name', 'Acme', '--provider', 'kernel-sh', '--env', 'dev', '--base-url', server.url, '--json'])) as { id: string };
    expect(await cli(['connect', ws.id], `${admin}\n`)).toMatch(/^Synced as .*: 2 keys/);
    expect(await cli(['expiring'])).toMatch(/legacy .* expires in (4|5) days/);

    const secret = await cli(['create', '--workspace', ws.id, '--name', 'deploy', '--days', '30']);
    expect(secret).toMatch(/^sk_/);
    const id = (JSON.parse(await cli(['keys', '--query', 'deploy', '--json'])) as Array<{ id: string }>)[0]!.id;

    const rotated = await cli(['rotate', id, '--grace', '1h']);
    expect(rotated).toMatch(/^sk_/);
    expect(rotated).not.toBe(secret);
    const deploys = () => [...server.keys.values()].filter((k) => k.name === 'deploy' && !k.deleted_at);
    // The old key lives on for its grace hour (kernel.sh grants whole days; Keydeck deletes it at the hour).
    expect(deploys().map((k) => k.plaintext).sort()).toEqual([rotated, secret].sort());

    const newId = (JSON.parse(await cli(['keys', '--query', 'deploy', '--json'])) as Array<{ id: string; status: string }>).find((k) => k.status === 'active')!.id;
    expect(await cli(['revoke', newId])).toBe(`Revoked: ${newId}`);
    expect(deploys().map((k) => k.plaintext)).toEqual([secret]);
    expect(await core.secrets.get(newId)).toBeNull();
  });
});
