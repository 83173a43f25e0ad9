import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliEnv, runCli } from '../../helpers/cli';
import { clientFor, diskText, makeTestCore, must, type TestCore } from '../../helpers/test-core';

let core: TestCore;
beforeEach(() => {
  core = makeTestCore();
});
afterEach(() => core.cleanup());

const SECRET = 'sk_live_pasteAbcdefghijklmnop1234';

describe('keys.import reads a pasted VAR=value as its value', () => {
  it('stores only the value, masked as the token, and fills name and service from the variable', async () => {
    const api = clientFor(core.router);
    const key = await must(api.invoke('keys.import', { secret: `export KERNEL_API_KEY="${SECRET}"  # prod`, scopes: [] } as never));
    expect(key).toMatchObject({ name: 'kernel-api-key', provider: 'kernel-sh', masked: 'sk_live_…1234' });
    expect((await must(api.invoke('keys.reveal', { id: key.id }))).secret).toBe(SECRET);
    expect(diskText(core.dataDir)).not.toContain(SECRET);
  });

  it('keeps the name and service the caller chose', async () => {
    const key = await must(clientFor(core.router).invoke('keys.import', { name: 'ci', provider: 'kernle', secret: `KERNEL_API_KEY=${SECRET}` }));
    expect(key).toMatchObject({ name: 'ci', provider: 'kernle', masked: 'sk_live_…1234' });
  });

  it('through the CLI: `keydeck import` with the line on stdin', async () => {
    const run = await runCli(['import', '--name', 'from-cli', '--provider', 'kernel-sh'], { env: cliEnv(core.dataDir, core.service), stdin: `KERNEL_API_KEY=${SECRET}\n` });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('(sk_live_…1234)');
    const [key] = await must(clientFor(core.router).invoke('keys.list', {}));
    expect((await must(clientFor(core.router).invoke('keys.reveal', { id: key!.id }))).secret).toBe(SECRET);
  });
});
