import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestCore, clientFor, must, type TestCore } from '../../helpers/test-core';
import { spawn } from 'node:child_process';
import { CLI, cliEnv, runCli } from '../../helpers/cli';

describe('keydeck inject, usage and the CLI conventions', () => {
  let core: TestCore;
  let env: NodeJS.ProcessEnv;
  let work: string;
  let keyId: string;
  const SECRET = 'sk-inject-secret-000000000001';
  beforeEach(async () => {
    core = makeTestCore();
    env = cliEnv(core.dataDir, core.service);
    work = mkdtempSync(join(tmpdir(), 'keydeck-inject-'));
    keyId = (await must(clientFor(core.router).invoke('keys.import', { name: 'ci deploy', provider: 'kernle', secret: SECRET }))).id;
  });
  afterEach(async () => {
    await core.cleanup();
    rmSync(work, { recursive: true, force: true });
  });

  it('fills every placeholder (spaces optional), writes the file with mode 0600, and never overwrites without --force', async () => {
    const tpl = join(work, 'config.tpl');
    const out = join(work, 'config.yml');
    writeFileSync(tpl, 'a: {{keydeck://-/ci%20deploy}}\nb: {{   KEYDECK://-/CI%20DEPLOY  }}\nc: {{ not a ref }}\n');
    expect(await runCli(['inject', '-i', tpl], { env })).toEqual({ code: 0, stdout: `a: ${SECRET}\nb: ${SECRET}\nc: {{ not a ref }}\n`, stderr: '' });

    expect(await runCli(['inject', '-i', tpl, '-o', out], { env })).toMatchObject({ code: 0, stdout: '' });
    expect(readFileSync(out, 'utf8')).toBe(`a: ${SECRET}\nb: ${SECRET}\nc: {{ not a ref }}\n`);
    expect(statSync(out).mode & 0o777).toBe(0o600);

    writeFileSync(out, 'mine');
    const refused = await runCli(['inject', '-i', tpl, '-o', out], { env });
    expect(refused).toMatchObject({ code: 2, stderr: `${out} exists already; nothing was written. Add --force to replace it.\n` });
    expect(readFileSync(out, 'utf8')).toBe('mine');
    expect((await runCli(['inject', '-i', tpl, '-o', out, '--force'], { env })).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain(SECRET);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readdirSync(work).sort()).toEqual(['config.tpl', 'config.yml']);
  });

  it('an unresolved reference fails before anything is written', async () => {
    const tpl = join(work, 't');
    writeFileSync(tpl, 'ok: {{ keydeck://-/ci%20deploy }}\nbad: {{ keydeck://-/nope }}\n');
    const r = await runCli(['inject', '-i', tpl, '-o', join(work, 'out')], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error [not_found]: No key named "nope" outside any workspace. keydeck keys lists them.\n');
    expect(readdirSync(work)).toEqual(['t']);
  });

  it('usage add|list|remove take names and paths relative to where you are', async () => {
    const project = join(work, 'project');
    mkdirSync(project);
    const added = await runCli(['usage', 'add', 'CI DEPLOY', '.env', '--json'], { env, cwd: project });
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ keyId, envVar: 'KERNLE_API_KEY', filePath: join(project, '.env') });
    expect((await runCli(['usage', 'add', keyId, 'other/.env', '--var', 'TOKEN'], { env, cwd: project })).stdout).toMatch(/^Recorded TOKEN in .*other\/\.env for "ci deploy"/);
    const list = await runCli(['usage', 'list', 'keydeck://-/ci%20deploy'], { env });
    expect(list.stdout.split('\n').filter(Boolean)).toHaveLength(2);
    expect((await runCli(['usage', 'remove', 'ci deploy', '.env'], { env, cwd: project })).stdout).toMatch(/^Removed u_/);
    expect((await must(clientFor(core.router).invoke('usages.list', { keyId }))).map((u) => u.envVar)).toEqual(['TOKEN']);
    const none = await runCli(['usage', 'remove', 'ci deploy', '.env'], { env, cwd: project });
    expect(none.code).toBe(1);
  });

  it('help goes to stdout with exit 0; an unknown command says which word; handles are set by name', async () => {
    const help = await runCli(['help', 'inject'], { env });
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(/^Usage: keydeck inject/);
    const unknown = await runCli(['injetc'], { env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^error: unknown command 'injetc'\n\(Did you mean inject\?\)/);
    const handle = await runCli(['key', 'handle', 'ci deploy', 'ci-deploy'], { env });
    expect(handle).toMatchObject({ code: 0, stdout: 'The reference is now keydeck://-/ci-deploy\n' });
    expect((await runCli(['read', 'keydeck://-/ci-deploy'], { env })).stdout).toBe(SECRET);
  });

  it('a reader that stops early (keydeck --help | head) ends it quietly: exit 0, no stack trace', async () => {
    const child = spawn(process.execPath, ['--', CLI, '--help'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    // Closed before Node has even started, so every write the CLI makes meets a closed pipe.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('a secret typed at a terminal is asked for with a clear prompt and never echoed', async () => {
    const typed = 'sk-typed-at-a-terminal-0001';
    const term = spawn('script', ['-q', '-e', '-c', `'${process.execPath}' -- '${CLI}' import --name typed --provider kernle`, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let screen = '';
    const closed = new Promise<number | null>((resolve) => term.on('close', resolve));
    await new Promise<void>((resolve) =>
      term.stdout.on('data', (d) => {
        screen += d;
        if (screen.includes('(input is hidden; press Enter when done):')) resolve();
      }),
    );
    term.stdin.write(`${typed}\r`);
    expect(await closed).toBe(0);
    term.stdin.end();
    expect(screen).toMatch(/^Paste the secret of "typed" \(input is hidden; press Enter when done\):\r?\nImported k_\w+ \(/);
    expect(screen).not.toContain(typed);
    expect((await must(clientFor(core.router).invoke('keys.list', { query: 'typed' })))).toHaveLength(1);
  });
});
