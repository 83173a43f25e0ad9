import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync, statSync, openSync, readSync, writeSync, closeSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, disposeTestCore, makeTestCore, must, testService, type TestCore } from '../../helpers/test-core';
import { createCore } from '../../../electron/core/create-core';
import { silentLogger } from '../../../electron/core/log';
import { KeyringSecretStore } from '../../../electron/core/store/keyring-secret-store';
import { secretFor, TestRepo } from '../../helpers/leaks';

/** Each bad source is reported with its reason, and the scan goes on with the rest. */
describe('leak finder: bad input per source', () => {
  let root: string;
  let core: TestCore;
  const good = secretFor('good');
  const locked = secretFor('locked');
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'keydeck-leaks-bad-'));
    core = makeTestCore();
    const api = clientFor(core.router);
    ids.good = (await must(api.invoke('keys.import', { name: 'good', provider: 'kernle', secret: good }))).id;
    ids.locked = (await must(api.invoke('keys.import', { name: 'locked', provider: 'kernle', secret: locked }))).id;
  });

  afterAll(async () => {
    await core?.cleanup();
    rmSync(root, { recursive: true, force: true });
  });

  it('not a repository, a corrupt object, a corrupt pack, a pipe, a symlink loop, a missing path and a keychain without the secret: each reported, the good repository still scanned', async () => {
    const api = clientFor(core.router);
    const okRepo = new TestRepo(join(root, 'ok'));
    const leakCommit = okRepo.commit({ 'app.cfg': `a=1\nkey=${good}\nlocked=${locked}\n` });

    // A work tree whose .git points nowhere.
    mkdirSync(join(root, 'notrepo'));
    writeFileSync(join(root, 'notrepo', '.git'), 'gitdir: /nonexistent/keydeck-test\n');
    // A folder with nothing to scan.
    mkdirSync(join(root, 'empty'));

    // A loose object overwritten with garbage.
    const loose = new TestRepo(join(root, 'loose'));
    loose.commit({ 'a.txt': `x=${good}\n` });
    const blob = loose.git('rev-parse', 'HEAD:a.txt');
    const objPath = join(loose.dir, '.git', 'objects', blob.slice(0, 2), blob.slice(2));
    chmodSync(objPath, 0o644);
    writeFileSync(objPath, 'this is not a zlib stream');

    // A packfile with bytes flipped in the middle of its objects.
    const packed = new TestRepo(join(root, 'packed'));
    for (let i = 0; i < 5; i++) packed.commit({ [`f${i}.txt`]: `${'line\n'.repeat(200)}${i}\n` });
    packed.git('repack', '-adq');
    const packDir = join(packed.dir, '.git', 'objects', 'pack');
    const pack = join(packDir, readdirSync(packDir).find((f) => f.endsWith('.pack'))!);
    chmodSync(pack, 0o644);
    const fd = openSync(pack, 'r+');
    const size = statSync(pack).size;
    const buf = Buffer.alloc(64);
    readSync(fd, buf, 0, 64, Math.floor(size / 2));
    for (let i = 0; i < buf.length; i++) buf[i] = buf[i]! ^ 0xff;
    writeSync(fd, buf, 0, 64, Math.floor(size / 2));
    closeSync(fd);

    // A named pipe (a read would block forever) and a link that points at itself.
    execFileSync('mkfifo', [join(root, 'pipe')]);
    symlinkSync(join(root, 'loop'), join(root, 'loop'));
    mkdirSync(join(root, 'withloop'));
    symlinkSync(join(root, 'withloop', '.env'), join(root, 'withloop', '.env'));

    // The keychain no longer holds one key's secret.
    await core.secrets.delete(ids.locked!);

    const paths = ['ok', 'notrepo', 'empty', 'loose', 'packed', 'pipe', 'loop', 'withloop', 'missing'].map((p) => join(root, p));
    const report = await must(api.invoke('leaks.scan', { paths }));
    const problem = (p: string) => report.sources.find((x) => x.path === join(root, p) && x.problem)?.problem;

    expect(problem('notrepo')).toMatchObject({ reason: 'not_a_repository' });
    expect(problem('empty')).toMatchObject({ reason: 'not_a_repository', message: expect.stringMatching(/holds no git repository/) });
    expect(problem('loose')).toMatchObject({ reason: 'corrupt', message: expect.stringMatching(/git fsck/) });
    expect(problem('packed')?.reason).toBe('corrupt');
    expect(problem('pipe')).toMatchObject({ reason: 'not_a_file' });
    expect(problem('loop')).toMatchObject({ reason: 'symlink_loop' });
    expect(report.sources.find((x) => x.path === join(root, 'withloop', '.env'))?.problem).toMatchObject({ reason: 'symlink_loop' });
    expect(problem('missing')).toMatchObject({ reason: 'not_found' });

    expect(report.keyProblems).toEqual([{ keyId: ids.locked, keyName: 'locked', message: expect.stringMatching(/no longer holds/) }]);
    expect(report.keysSearched).toBe(1);
    const findings = await must(api.invoke('leaks.list', {}));
    expect(findings.map((f) => ({ key: f.keyName, commit: f.commit, path: f.path, line: f.line }))).toEqual([{ key: 'good', commit: leakCommit, path: 'app.cfg', line: 2 }]);
    // No reason text carries a secret.
    expect(JSON.stringify(report)).not.toContain(good);
  });

  it.skipIf(process.getuid?.() === 0)('a file the user cannot read is reported as unreadable', async () => {
    const api = clientFor(core.router);
    const f = join(root, 'secret.env');
    writeFileSync(f, `K=${good}\n`);
    chmodSync(f, 0o000);
    const report = await must(api.invoke('leaks.scan', { paths: [f] }));
    expect(report.sources[0]?.problem?.reason).toBe('unreadable');
  });

  it('a repository that does not answer before the per-source deadline is reported as too slow; the other sources are scanned', async () => {
    // A git that never answers: the stand-in for a repository on a hung network drive.
    const slowGit = join(root, 'slow-git');
    writeFileSync(slowGit, '#!/bin/sh\nexec sleep 60\n', { mode: 0o755 });
    const slow = makeTestCore({ leaks: { shellHome: null, gitBin: slowGit, sourceDeadlineMs: 400 } });
    try {
      const api = clientFor(slow.router);
      await must(api.invoke('keys.import', { name: 'good', provider: 'kernle', secret: good }));
      const dir = join(root, 'slowcase');
      new TestRepo(join(dir, 'repo')).commit({ 'x.txt': 'x\n' });
      writeFileSync(join(dir, '.env'), `A=b\nK=${good}\n`);
      const t0 = Date.now();
      const report = await must(api.invoke('leaks.scan', { paths: [dir] }));
      expect(Date.now() - t0).toBeLessThan(10_000);
      expect(report.sources.find((x) => x.kind === 'git')?.problem).toMatchObject({ reason: 'timeout', message: expect.stringMatching(/deadline/) });
      expect((await must(api.invoke('leaks.list', {}))).map((f) => [f.sourceKind, f.line])).toEqual([['env-file', 2]]);
    } finally {
      await slow.cleanup();
    }
  });

  it('a keychain that locks for some keys mid-scan: those keys are reported by name, the rest are searched, nothing partial is kept', async () => {
    // The real keychain, with the lock the OS would raise for one item (a locked collection).
    const real = new KeyringSecretStore(testService());
    let lockedAccount = '';
    const secrets = Object.assign(Object.create(real) as KeyringSecretStore, {
      get: (account: string) => (account === lockedAccount ? Promise.reject(new Error('the keychain is locked')) : real.get(account)),
    });
    const dataDir = mkdtempSync(join(tmpdir(), 'keydeck-leaks-lock-'));
    const c = createCore({ dataDir, secrets, logger: silentLogger, leaks: { shellHome: null } });
    try {
      const api = clientFor(c.router);
      await must(api.invoke('keys.import', { name: 'open-one', provider: 'kernle', secret: good }));
      lockedAccount = (await must(api.invoke('keys.import', { name: 'locked-one', provider: 'kernle', secret: locked }))).id;
      const dir = join(root, 'lockcase');
      mkdirSync(dir);
      writeFileSync(join(dir, '.env'), `A=${good}\nB=${locked}\n`);
      const report = await must(api.invoke('leaks.scan', { paths: [dir] }));
      expect(report.keyProblems).toEqual([{ keyId: lockedAccount, keyName: 'locked-one', message: expect.stringMatching(/refused.*locked.*unlock the keychain and scan again/) }]);
      expect((await must(api.invoke('leaks.list', {}))).map((f) => [f.keyName, f.line])).toEqual([['open-one', 1]]);
      expect(JSON.stringify(report)).not.toContain(locked);
    } finally {
      await disposeTestCore(c, real, dataDir);
    }
  });
});
