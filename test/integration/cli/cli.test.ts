import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientFor, makeTestCore, must, type TestCore } from '../../helpers/test-core';
import { cliEnv, runCli } from '../../helpers/cli';

describe('the keydeck CLI over the same core and files as the app', () => {
  let core: TestCore;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    core = makeTestCore();
    env = cliEnv(core.dataDir, core.service);
  });
  afterEach(() => core.cleanup());

  it('sees what the app imported, and the app sees what the CLI imported', async () => {
    const api = clientFor(core.router);
    await must(api.invoke('keys.import', { name: 'from-app', provider: 'kernle', secret: 'sk-from-app-0000000001' }));
    const imported = await runCli(['import', '--name', 'from-cli', '--provider', 'kernle', '--expires', '2027-03-01'], { env, stdin: 'sk-from-cli-0000000002\n' });
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/^Imported k_[0-9a-f]{20} \(••••••\)|^Imported k_[0-9a-f]{20} \(sk-f…02\)/);
    expect(imported.stdout).not.toContain('sk-from-cli-0000000002');

    const listed = await runCli(['keys'], { env });
    expect(listed.stdout).toContain('from-app');
    expect(listed.stdout).toContain('from-cli');
    expect(listed.stdout).toContain('2027-03-01');
    expect(listed.stdout).not.toMatch(/sk-from-(app|cli)-0{9}/);
    expect((await must(api.invoke('keys.list', { query: 'from-cli' })))).toHaveLength(1);
  });

  it('reveal prints the secret and is audited; errors go to stderr with their code', async () => {
    const key = await must(clientFor(core.router).invoke('keys.import', { name: 'r', provider: 'kernle', secret: 'sk-reveal-by-cli-0000001' }));
    const revealed = await runCli(['reveal', key.id], { env });
    expect(revealed).toMatchObject({ code: 0, stdout: 'sk-reveal-by-cli-0000001\n' });
    expect((await must(clientFor(core.router).invoke('audit.list', { keyId: key.id })))[0]?.kind).toBe('revealed');

    const missing = await runCli(['reveal', 'k_missing'], { env });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error \[not_found\]/);
  });

  it('answers JSON with --json and exits 2 on usage errors', async () => {
    const ws = await runCli(['workspace', 'add', '--name', 'Acme', '--provider', 'kernel-sh', '--env', 'prod', '--json'], { env });
    expect(JSON.parse(ws.stdout)).toMatchObject({ name: 'Acme', provider: 'kernel-sh', baseUrl: 'https://api.onkernel.com' });
    const bad = await runCli(['workspace', 'add', '--name', 'X', '--provider', 'kernel-sh', '--env', 'live'], { env });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('error [invalid_input]');
    expect((await runCli([], { env })).code).toBe(2);
  });
});
