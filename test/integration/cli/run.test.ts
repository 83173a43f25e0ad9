import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KernelImitation } from '../../imitations';
import { makeRotationCore, type RotationTestCore } from '../../helpers/rotation/rotation-core';
import { must } from '../../helpers/test-core';
import { CLI, cliEnv, RUN_CHILD, runCli, startCli } from '../../helpers/cli';

const fp = (v: string) => createHash('sha256').update(v).digest('hex').slice(0, 16);
const REF = 'keydeck://Acme/ci-deploy';
const child = (...args: string[]) => ['--', process.execPath, RUN_CHILD, ...args];

/** Every file under a folder, as text: for "the secret is on no disk Keydeck wrote". */
function treeText(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => readFileSync(join(d.parentPath, d.name)).toString('latin1'))
    .join('\n');
}

/** `keydeck run` and `keydeck read` as separate processes on the real keychain, against the kernel.sh imitation. */
describe('keydeck run and read', () => {
  let core: RotationTestCore;
  let server: KernelImitation;
  let env: NodeJS.ProcessEnv;
  let secret: string;
  let keyId: string;
  let work: string;
  beforeEach(async () => {
    core = makeRotationCore();
    server = new KernelImitation();
    await server.start();
    const admin = server.seedKey({ name: 'admin' }).secret;
    const ws = await must(core.api.invoke('workspaces.add', { name: 'Acme', provider: 'kernel-sh', environment: 'dev', baseUrl: server.url }));
    await must(core.api.invoke('workspaces.connect', { id: ws.id, secret: admin }));
    const created = await must(core.api.invoke('keys.create', { workspaceId: ws.id, name: 'ci-deploy', expiresInDays: 30 }));
    secret = created.secret;
    keyId = created.key.id;
    env = cliEnv(core.dataDir, core.service);
    work = mkdtempSync(join(tmpdir(), 'keydeck-run-'));
  });
  afterEach(async () => {
    await server.stop();
    await core.cleanup();
    rmSync(work, { recursive: true, force: true });
  });

  it('read prints the secret exactly (no newline unless -n), as JSON with --json, and is audited as a read', async () => {
    expect(await runCli(['read', REF], { env })).toEqual({ code: 0, stdout: secret, stderr: '' });
    expect((await runCli(['read', '-n', 'ci-deploy', '--workspace', 'acme'], { env })).stdout).toBe(`${secret}\n`);
    expect(JSON.parse((await runCli(['read', REF, '--json'], { env })).stdout)).toEqual({ reference: REF, id: keyId, name: 'ci-deploy', secret });
    const audit = await must(core.api.invoke('audit.list', { keyId }));
    expect(audit.filter((e) => e.summary === 'Read "ci-deploy" for keydeck read')).toHaveLength(3);
  });

  it('a reference resolves before and after a rotation: the second run sees the new secret', async () => {
    const before = await runCli(['run', '-e', `TOKEN=${REF}`, ...child('env', 'TOKEN')], { env });
    expect(before).toMatchObject({ code: 0, stdout: `${fp(secret)}\n` });
    const rotated = await runCli(['rotate', REF, '--grace', 'now'], { env });
    expect(rotated.code).toBe(0);
    const next = rotated.stdout.trim();
    expect(next).not.toBe(secret);
    const after = await runCli(['run', '-e', `TOKEN=${REF}`, ...child('env', 'TOKEN')], { env });
    expect(after).toMatchObject({ code: 0, stdout: `${fp(next)}\n` });
    // -e REF alone takes the service's variable name.
    expect((await runCli(['run', '-e', REF, ...child('env', 'KERNEL_API_KEY')], { env })).stdout).toBe(`${fp(next)}\n`);
  });

  it('ambiguous and revoked references fail clearly, before the command starts', async () => {
    const marker = join(work, 'started');
    await must(core.api.invoke('keys.import', { name: 'CI-Deploy', provider: 'kernel-sh', workspaceId: (await must(core.api.invoke('keys.get', { id: keyId }))).workspaceId!, secret: 'sk_imported_twin_000000000001' }));
    const amb = await runCli(['run', '-e', `TOKEN=${REF}`, ...child('touch', marker)], { env });
    expect(amb.code).toBe(1);
    expect(amb.stderr).toMatch(/^error \[conflict\]: keydeck:\/\/Acme\/ci-deploy is ambiguous: 2 keys match/);
    expect(amb.stderr).toContain(keyId);
    expect(amb.stderr).toMatch(/the command was not started/);
    expect(existsSync(marker)).toBe(false);

    expect((await runCli(['revoke', keyId], { env })).code).toBe(0);
    const twin = await runCli(['read', REF], { env });
    expect(twin.stdout).toBe('sk_imported_twin_000000000001'); // the revoked lineage no longer competes
    const revoked = await runCli(['read', keyId], { env });
    expect(revoked.code).toBe(1);
    expect(revoked.stderr).toMatch(new RegExp(`^error \\[not_found\\]: ${keyId} was revoked on \\d{4}-\\d\\d-\\d\\d`));
  });

  it('exits with the command\'s code: 0, 3, and 128+15 for SIGTERM; 127 with the reason for a missing command', async () => {
    expect((await runCli(['run', '-e', `T=${REF}`, ...child('exit', '0')], { env })).code).toBe(0);
    expect((await runCli(['run', '-e', `T=${REF}`, ...child('exit', '3')], { env })).code).toBe(3);
    expect((await runCli(['run', '-e', `T=${REF}`, ...child('kill-self', 'SIGTERM')], { env })).code).toBe(143);
    const missing = await runCli(['run', '-e', `T=${REF}`, '--', 'no-such-command-keydeck'], { env });
    expect(missing.code).toBe(127);
    expect(missing.stderr).toBe('keydeck run: no-such-command-keydeck: command not found (not a file, and not on PATH)\n');
  });

  it('forwards SIGINT, SIGTERM, SIGHUP and SIGQUIT to the command', async () => {
    const record = join(work, 'signals');
    const run = startCli(['run', '-e', `T=${REF}`, ...child('signals', record)], { env });
    await run.waitFor(/ready/);
    for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      run.child.kill(sig);
      await run.waitFor(new RegExp(`got ${sig}`));
    }
    run.child.kill('SIGQUIT');
    expect((await run.done).code).toBe(0);
    expect(readFileSync(record, 'utf8')).toBe('SIGINT\nSIGTERM\nSIGHUP\nSIGQUIT\n');
  });

  it('puts the secret in the command\'s environment only: not in any argv, not on disk', async () => {
    const run = startCli(['run', '-e', `TOKEN=${REF}`, ...child('fingerprint', 'TOKEN')], { env });
    const [, pid] = await run.waitFor(/pid:(\d+) fp:(\w+)/);
    expect(run.stdout()).toContain(`fp:${fp(secret)}`);
    const cmdline = (p: number | string) => readFileSync(`/proc/${p}/cmdline`, 'utf8');
    expect(cmdline(pid!)).toContain(RUN_CHILD);
    expect(cmdline(pid!)).not.toContain(secret);
    expect(cmdline(run.child.pid!)).toContain(CLI);
    expect(cmdline(run.child.pid!)).not.toContain(secret);
    expect(readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0')).toContain(`TOKEN=${secret}`);
    run.child.kill('SIGTERM');
    expect((await run.done).code).toBe(143);
    expect(treeText(core.dataDir)).not.toContain(secret);
    expect(treeText(work)).not.toContain(secret);
  });

  it('masks the secret in piped output, including one split across two writes; --no-masking leaves it', async () => {
    const masked = await runCli(['run', '-e', `TOKEN=${REF}`, ...child('split', 'TOKEN')], { env });
    expect(masked.code).toBe(0);
    expect(masked.stdout).toBe('out:<concealed by keydeck>:end\n');
    expect(masked.stderr).toBe('err:<concealed by keydeck>\n');
    const plain = await runCli(['run', '--no-masking', '-e', `TOKEN=${REF}`, ...child('split', 'TOKEN')], { env });
    expect(plain.stdout).toBe(`out:${secret}:end\n`);
  });

  it('leaves a terminal untouched: no masking on a pseudo-terminal (script(1))', () => {
    const cmd = [process.execPath, '--', CLI, 'run', '-e', `TOKEN=${REF}`, ...child('split', 'TOKEN')].map((a) => `'${a}'`).join(' ');
    const out = execFileSync('script', ['-q', '-e', '-c', cmd, '/dev/null'], { env, encoding: 'utf8' });
    // stdout and stderr share the terminal, so their lines interleave: both carry the secret unmasked.
    expect(out).toContain(`err:${secret}`);
    expect(out).toContain(`out:${secret.slice(0, Math.floor(secret.length / 2))}`);
    expect(out).toContain(`${secret.slice(Math.floor(secret.length / 2))}:end`);
    expect(out).not.toContain('concealed');
  });

  it('--env-file: references resolve, plain values pass through, later assignments win', async () => {
    const file = join(work, '.env');
    writeFileSync(file, `# comment\nexport TOKEN="${REF}"\nPLAIN=hello world\nOTHER='keep'\n`);
    const r = await runCli(['run', '--env-file', file, '--', process.execPath, '-e', 'process.stdout.write([process.env.PLAIN, process.env.OTHER, require("crypto").createHash("sha256").update(process.env.TOKEN).digest("hex").slice(0,16)].join("|"))'], { env });
    expect(r).toMatchObject({ code: 0, stdout: `hello world|keep|${fp(secret)}` });
    const missing = await runCli(['run', '--env-file', join(work, 'nope.env'), ...child('exit', '0')], { env });
    expect(missing).toMatchObject({ code: 2, stderr: `--env-file ${join(work, 'nope.env')}: no such file.\n` });
  });

  it('--restart-on-rotate: another process rotates the key; the command is restarted and sees the new secret', async () => {
    const run = startCli(['run', '--restart-on-rotate', '--restart-grace', '5', '-e', `TOKEN=${REF}`, ...child('fingerprint', 'TOKEN')], { env });
    const [, firstPid] = await run.waitFor(/pid:(\d+) fp:(\w+)/);
    expect(run.stdout()).toContain(`fp:${fp(secret)}`);
    const rotated = await runCli(['rotate', REF, '--grace', '1h'], { env });
    expect(rotated.code).toBe(0);
    const next = rotated.stdout.trim();
    const [, secondPid] = await run.waitFor(new RegExp(`pid:(\\d+) fp:${fp(next)}`));
    expect(secondPid).not.toBe(firstPid);
    expect(run.stderr()).toMatch(/^keydeck: TOKEN \(keydeck:\/\/Acme\/ci-deploy is now k_\w+\) rotated; restarting the command\.\n$/);
    expect(run.stderr()).not.toContain(next);
    expect(existsSync(`/proc/${firstPid}`)).toBe(false);

    // Revoked: said once, and the command keeps running with what it has.
    const newId = (await must(core.api.invoke('refs.resolve', { ref: REF }))).key.id;
    expect((await runCli(['revoke', newId], { env })).code).toBe(0);
    await run.waitFor(/no longer resolves; TOKEN keeps its current value and the command keeps running/);
    expect(existsSync(`/proc/${secondPid}`)).toBe(true);
    run.child.kill('SIGTERM');
    expect((await run.done).code).toBe(143);
  });
});
