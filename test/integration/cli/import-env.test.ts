import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDemo, type DemoImitations } from '../../imitations';
import { cliEnv, runCli } from '../../helpers/cli';
import { envFile, kernelSecretOf, kernleSecretOf } from '../../helpers/envimport';
import { clientFor, makeTestCore, must, testService, type TestCore } from '../../helpers/test-core';

let demo: DemoImitations;
let core: TestCore;
let env: NodeJS.ProcessEnv;
let text: string;
let path: string;
let secrets: string[];

beforeEach(async () => {
  demo = await startDemo();
  core = makeTestCore();
  const api = clientFor(core.router);
  const k = await must(api.invoke('workspaces.add', { name: 'Kernel Prod', provider: 'kernel-sh', baseUrl: demo.urls.kernel, environment: 'prod' }));
  const l = await must(api.invoke('workspaces.add', { name: 'Agents', provider: 'kernle', baseUrl: demo.urls.kernle, environment: 'dev' }));
  await must(api.invoke('workspaces.connect', { id: k.id, secret: demo.managementKeys.kernel }));
  await must(api.invoke('workspaces.connect', { id: l.id, secret: demo.managementKeys.kernle }));
  secrets = [kernelSecretOf(demo, 'ci-deploy'), kernleSecretOf(demo, 'memory-sync')];
  text = `# billing\nexport KERNEL_API_KEY="${secrets[0]}"\nKERNLE_API_KEY=${secrets[1]} # agents\nDEBUG=true\n`;
  path = envFile(text).path;
  env = cliEnv(core.dataDir, core.service);
});
afterEach(async () => {
  await core.cleanup();
  await demo.stop();
});

const hasSecret = async (name: string) => (await must(clientFor(core.router).invoke('keys.list', { query: name }))).find((k) => k.name === name)?.hasSecret;

describe('keydeck import-env', () => {
  it('shows the preview and, with no terminal to ask at, stores nothing until --yes', async () => {
    const run = await runCli(['import-env', path], { env });
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/KERNEL_API_KEY\s+sk_\S+…\S+\s+attach to "ci-deploy" in Kernel Prod\s+✓ verified/);
    expect(run.stdout).toMatch(/KERNLE_API_KEY\s+knl_sk_\S+\s+attach to "memory-sync" in Agents\s+✓ verified/);
    expect(run.stderr).toContain('run again with --yes');
    expect(await hasSecret('ci-deploy')).toBe(false);
    for (const s of secrets) expect(run.stdout + run.stderr).not.toContain(s);
  });

  it('--rewrite --yes imports, attaches and leaves references in the file', async () => {
    const run = await runCli(['import-env', path, '--rewrite', '--yes'], { env });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('With --rewrite the file will read:\n  KERNEL_API_KEY=keydeck://kernel%20prod/ci-deploy');
    expect(run.stdout).toMatch(/attached\s+KERNEL_API_KEY: "ci-deploy" now holds its secret\./);
    expect(run.stdout).toContain(`${path} now holds 2 references instead of secrets.`);
    expect(readFileSync(path, 'utf8')).toBe('# billing\nexport KERNEL_API_KEY="keydeck://kernel%20prod/ci-deploy"\nKERNLE_API_KEY=keydeck://agents/memory-sync # agents\nDEBUG=true\n');
    expect(await hasSecret('ci-deploy')).toBe(true);
    expect(await hasSecret('memory-sync')).toBe(true);
    for (const s of secrets) expect(run.stdout + run.stderr).not.toContain(s);
  });

  it('--json carries the preview and the result', async () => {
    const run = await runCli(['import-env', path, '--yes', '--json'], { env });
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { preview: { lines: Array<{ action: string }> }; result: { lines: Array<{ outcome: string }>; rewrite: { state: string } } };
    expect(out.preview.lines.map((l) => l.action)).toEqual(['attach', 'attach', 'skip']);
    expect(out.result.lines.map((l) => l.outcome)).toEqual(['attached', 'attached', 'skipped']);
    expect(out.result.rewrite.state).toBe('not-asked');
  });

  it('without a keychain: a clear error, nothing stored, the file untouched', async () => {
    const run = await runCli(['import-env', path, '--rewrite', '--yes'], { env: cliEnv(core.dataDir, testService(), { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/keydeck-test-bus' }) });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error [keychain_unavailable]');
    expect(readFileSync(path, 'utf8')).toBe(text);
    expect(await hasSecret('ci-deploy')).toBe(false);
  });
});
