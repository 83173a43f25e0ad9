import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KernelImitation } from '../../imitations';
import { makeTestCore, type TestCore } from '../../helpers/test-core';
import { cliEnv, runCli } from '../../helpers/cli';

/** `keydeck workspace policy`, the refusals it causes in `create` and `rotate`, and `keydeck health` — each a real CLI process. */
describe('lifetime policy and key health from the CLI', () => {
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
    const r = await runCli(args, { env, stdin });
    expect(r.stderr, `keydeck ${args.join(' ')}`).toBe('');
    expect(r.code, `keydeck ${args.join(' ')}`).toBe(0);
    return r.stdout.trim();
  };

  it('sets a policy, refuses create and rotate above it with the rule named (exit 1), allows at the limit', async () => {
    const admin = server.seedKey({ name: 'admin', expiresInDays: 30 }).secret;
    await cli(['workspace', 'add', '--name', 'prod', '--provider', 'kernel-sh', '--env', 'prod', '--base-url', server.url]);
    await cli(['connect', 'prod'], `${admin}\n`);
    expect(await cli(['workspace', 'policy', 'prod'])).toBe('Lifetime policy of prod: none (set --max-days N and/or --no-never-expiring)');
    expect(await cli(['workspace', 'policy', 'prod', '--max-days', '90', '--no-never-expiring'])).toBe('Lifetime policy of prod: at most 90 days, no never-expiring keys');

    const over = await runCli(['create', '--workspace', 'prod', '--name', 'deploy', '--days', '91'], { env });
    expect(over.code).toBe(1);
    expect(over.stdout).toBe('');
    expect(over.stderr).toContain('error [policy_violation]: Workspace “prod” allows keys of at most 90 days (policy: maximum lifetime).');
    expect(over.stderr).toContain('--days must be at most 90 days (workspace policy)');
    const never = await runCli(['create', '--workspace', 'prod', '--name', 'deploy', '--never'], { env });
    expect(never.code).toBe(1);
    expect(never.stderr).toContain('(policy: no never-expiring keys)');
    expect([...server.keys.values()].filter((k) => k.name === 'deploy')).toEqual([]);

    expect(await cli(['create', '--workspace', 'prod', '--name', 'deploy', '--days', '90'])).toMatch(/^sk_/);
    const rot = await runCli(['rotate', 'keydeck://prod/deploy', '--days', '365', '--grace', 'now'], { env });
    expect(rot.code).toBe(1);
    expect(rot.stderr).toContain('allows keys of at most 90 days (policy: maximum lifetime)');
    expect(await cli(['rotate', 'keydeck://prod/deploy', '--days', '60', '--grace', 'now'])).toMatch(/^sk_/);

    // A rule this service cannot follow is a refusal that names the flag that fits.
    const wrong = await runCli(['workspace', 'policy', 'prod', '--rotate-every', '30'], { env });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('--rotate-every does not apply');
    const bad = await runCli(['workspace', 'policy', 'prod', '--max-days', 'soon'], { env });
    expect(bad.code).toBe(2);
  });

  it('keydeck health lists findings with their fix and exits 3 when anything needs action, 0 when nothing does', async () => {
    const admin = server.seedKey({ name: 'admin', expiresInDays: 30 }).secret;
    await cli(['workspace', 'add', '--name', 'prod', '--provider', 'kernel-sh', '--env', 'prod', '--base-url', server.url]);
    await cli(['connect', 'prod'], `${admin}\n`);
    expect(await cli(['health'])).toBe('All keys are healthy.');

    const long = server.seedKey({ name: 'yearly', expiresInDays: 365 });
    await cli(['refresh', 'prod']);
    await cli(['workspace', 'policy', 'prod', '--max-days', '90']);
    const human = await runCli(['health'], { env });
    expect(human.code).toBe(3);
    expect(human.stderr).toBe('');
    expect(human.stdout).toContain('1 key needs action: 1 over policy');
    expect(human.stdout).toContain('prod (prod) · policy: at most 90 days');
    expect(human.stdout).toMatch(/over policy\s+yearly: Made to live longer than workspace “prod” allows \(at most 90 days\): rotate by \d{4}-\d\d-\d\d \(policy: maximum lifetime\)\./);
    expect(human.stdout).toMatch(/fix: keydeck rotate k_/);

    const json = await runCli(['health', '--json', '--workspace', 'prod'], { env });
    expect(json.code).toBe(3);
    const h = JSON.parse(json.stdout) as { keysNeedingAction: number; workspaces: Array<{ counts: Record<string, number>; entries: Array<{ keyName: string; rotateBy: string }> }> };
    expect(h.keysNeedingAction).toBe(1);
    expect(h.workspaces[0]!.counts['over-policy']).toBe(1);
    expect(Date.parse(h.workspaces[0]!.entries[0]!.rotateBy)).toBe(Date.parse(long.record.created_at) + 90 * 86_400_000);
  });

  it('a never-expiring key in a workspace without a policy: the fix names the rule its service can follow', async () => {
    await cli(['workspace', 'add', '--name', 'lab', '--provider', 'kernle', '--env', 'dev']);
    await cli(['import', '--name', 'agent', '--provider', 'kernle', '--workspace', 'lab'], 'knl_sk_health_5a9b7c3d1e2f4a6b8c0d\n');
    const human = await runCli(['health'], { env });
    expect(human.code).toBe(3);
    // Kernle keys cannot expire: a rotation age, never a maximum lifetime.
    expect(human.stdout).toMatch(/fix: keydeck workspace policy w_\w+ --rotate-every 90/);
    expect(human.stdout).not.toContain('--max-days');
  });
});
