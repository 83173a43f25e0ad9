import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, makeTestCore, must, type TestCore } from '../../helpers/test-core';
import { secretFor, TestRepo } from '../../helpers/leaks';

/** A secret pasted into a file but not committed yet is one `git add .` away from the history. */
describe('leak finder: what a repository has not committed yet', () => {
  let root: string;
  let core: TestCore;
  let repo: TestRepo;
  const s = { tracked: secretFor('tracked'), untracked: secretFor('untracked'), ignored: secretFor('ignored') };

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'keydeck-leaks-wt-'));
    core = makeTestCore();
    const api = clientFor(core.router);
    for (const [name, secret] of Object.entries(s)) await must(api.invoke('keys.import', { name: `key-${name}`, provider: 'kernle', secret }));
    repo = new TestRepo(join(root, 'code', 'app'));
    repo.commit({ 'app.js': 'export const x = 1;\n', '.gitignore': 'dist/\n' });
    repo.write('app.js', `export const x = 1;\nconst token = "${s.tracked}";\n`);
    repo.write('notes/todo.md', `# todo\n\n- rotate ${s.untracked}\n`);
    repo.write('dist/bundle.js', `var t="${s.ignored}";\n`);
    await must(api.invoke('leaks.addSource', { path: join(root, 'code') }));
  });
  afterAll(async () => {
    await core?.cleanup();
    rmSync(root, { recursive: true, force: true });
  });

  const open = async () =>
    (await must(clientFor(core.router).invoke('leaks.list', {}))).map((f) => ({ key: f.keyName, kind: f.sourceKind, repo: f.repo, commit: f.commit, path: f.path, line: f.line })).sort((a, b) => a.path.localeCompare(b.path));

  it('finds changed tracked files and new files git does not ignore, by repository, path and line; ignored files are left out', async () => {
    const report = await must(clientFor(core.router).invoke('leaks.scan', {}));
    expect(report.sources.map((x) => x.problem)).toEqual(report.sources.map(() => null));
    expect(await open()).toEqual([
      { key: 'key-tracked', kind: 'work-tree', repo: repo.dir, commit: null, path: 'app.js', line: 2 },
      { key: 'key-untracked', kind: 'work-tree', repo: repo.dir, commit: null, path: 'notes/todo.md', line: 3 },
    ]);
  });

  it('once committed, the history holds the finding and the uncommitted one is gone; a bare clone has no work tree to read', async () => {
    const commit = repo.commit({});
    execFileSync('git', ['clone', '-q', '--bare', repo.dir, join(root, 'code', 'mirror.git')]);
    const api = clientFor(core.router);
    const report = await must(api.invoke('leaks.scan', {}));
    expect(report.sources.map((x) => x.problem)).toEqual(report.sources.map(() => null));
    const found = await open();
    expect(found.filter((f) => f.repo === repo.dir)).toEqual([
      { key: 'key-tracked', kind: 'git', repo: repo.dir, commit, path: 'app.js', line: 2 },
      { key: 'key-untracked', kind: 'git', repo: repo.dir, commit, path: 'notes/todo.md', line: 3 },
    ]);
    expect(found.some((f) => f.kind === 'work-tree')).toBe(false);
    const gone = (await must(api.invoke('leaks.list', { includeResolved: true }))).filter((f) => f.sourceKind === 'work-tree');
    expect(gone.map((f) => f.resolution)).toEqual(['gone', 'gone']);
    expect(found.filter((f) => f.repo?.endsWith('mirror.git')).map((f) => f.kind)).toEqual(['git', 'git']);
  });
});
