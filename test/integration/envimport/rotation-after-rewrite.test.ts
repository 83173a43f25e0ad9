import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/create-core';
import { silentLogger } from '../../../electron/core/log';
import { KeyringSecretStore } from '../../../electron/core/store/keyring-secret-store';
import { startDemo, type DemoImitations } from '../../imitations';
import { envFile, kernelSecretOf } from '../../helpers/envimport';
import { testHttp } from '../../helpers/providers/http';
import { cliEnv, runCli } from '../../helpers/cli';
import { clientFor, disposeTestCore, must, TestClock, testService } from '../../helpers/test-core';

/**
 * The daily path end to end: a .env imported with --rewrite holds references, a rotation leaves
 * the file alone (nothing to write: the reference follows the key), and `keydeck run --env-file`
 * gives the command the new secret.
 */
let demo: DemoImitations;
let core: Core;
let secrets: KeyringSecretStore;
let service: string;
let dataDir: string;
let api: ReturnType<typeof clientFor>;

beforeEach(async () => {
  demo = await startDemo();
  dataDir = mkdtempSync(join(tmpdir(), 'keydeck-envrotate-'));
  service = testService();
  secrets = new KeyringSecretStore(service);
  core = createCore({ dataDir, secrets, clock: new TestClock(Date.now()), logger: silentLogger, http: testHttp().http });
  api = clientFor(core.router);
});
afterEach(async () => {
  await disposeTestCore(core, secrets, dataDir);
  await demo.stop();
});

describe('a .env rewritten to references, through a rotation', () => {
  it('is left untouched by the rotation and still hands the command the new secret', async () => {
    const ws = await must(api.invoke('workspaces.add', { name: 'Acme', provider: 'kernel-sh', baseUrl: demo.urls.kernel, environment: 'prod' }));
    await must(api.invoke('workspaces.connect', { id: ws.id, secret: demo.managementKeys.kernel }));
    const old = kernelSecretOf(demo, 'ci-deploy');
    const { path } = envFile(`# deploy\nKERNEL_API_KEY=${old}\n`);
    const preview = await must(api.invoke('envImport.preview', { path }));
    const applied = await must(api.invoke('envImport.apply', { path, planToken: preview.planToken, rewrite: true }));
    expect(applied.lines.some((l) => l.outcome === 'attached')).toBe(true);
    const rewritten = readFileSync(path, 'utf8');
    expect(rewritten).toBe('# deploy\nKERNEL_API_KEY=keydeck://acme/ci-deploy\n');

    const key = (await must(api.invoke('keys.list', {}))).find((k) => k.name === 'ci-deploy' && k.hasSecret)!;
    const rotated = await must(api.invoke('keys.rotate', { id: key.id, graceSeconds: 0 }));
    expect(rotated.secret).toBeTruthy();
    expect(rotated.secret).not.toBe(old);
    // The usage the import recorded was looked at, and the file needed nothing.
    expect(rotated.usages.map((u) => u.outcome)).toEqual(['updated']);
    expect(rotated.usages[0]!.message).toContain('follows the rotation');
    expect(readFileSync(path, 'utf8')).toBe(rewritten);

    const probe = join(mkdtempSync(join(tmpdir(), 'keydeck-probe-')), 'probe.mjs');
    const { writeFileSync } = await import('node:fs');
    // The probe gets a hash, never the secret, on its command line.
    writeFileSync(probe, 'import { createHash } from "node:crypto"; const h = createHash("sha256").update(process.env.KERNEL_API_KEY ?? "").digest("hex"); process.stdout.write(h === process.argv[2] ? "new" : "other")');
    const hash = createHash('sha256').update(rotated.secret!).digest('hex');
    const run = await runCli(['run', '--env-file', path, '--', process.execPath, probe, hash], { env: cliEnv(dataDir, service) });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    // Masked output would hide a secret; the probe prints only a verdict.
    expect(run.stdout).toBe('new');
  });
});
