import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SETTLE_MS } from '../../../electron/core/expiry/scheduler';
import { clientFor, makeTestCore, must, type TestCore } from '../../helpers/test-core';
import { oneOff, samePrefix, secretFor, TestRepo } from '../../helpers/leaks';
import type { LeakFinding } from '../../../shared/contract/leaks';
import type { Logger } from '../../../electron/core/ports';

const LINE_MARKER = 'XYZZY-LINE-TEXT';

describe('leak finder: exact values in whole git history, .env files and shell history', () => {
  let root: string;
  let core: TestCore;
  const logs: string[] = [];
  const logger: Logger = {
    info: (m, f) => void logs.push(`${m} ${JSON.stringify(f ?? {})}`),
    warn: (m, f) => void logs.push(`${m} ${JSON.stringify(f ?? {})}`),
    error: (m, f) => void logs.push(`${m} ${JSON.stringify(f ?? {})}`),
  };
  const s = {
    side: secretFor('side'),
    stash: secretFor('stash'),
    deleted: secretFor('deleted'),
    b64: secretFor('b64'),
    zsh: secretFor('zsh'),
    url: `${secretFor('url')}+a/b=c`,
    late: secretFor('late'),
  };
  const ids: Record<string, string> = {};
  let repo: TestRepo;
  const commits = { c1: '', c2: '', decoys: '', side: '', stash: '' };

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'keydeck-leaks-'));
    const home = join(root, 'home');
    mkdirSync(home);
    core = makeTestCore({ logger, leaks: { shellHome: home } });
    const api = clientFor(core.router);
    for (const [name, secret] of Object.entries(s)) {
      if (name === 'late') continue;
      ids[name] = (await must(api.invoke('keys.import', { name: `key-${name}`, provider: 'kernle', secret }))).id;
    }

    const projects = join(root, 'projects');
    repo = new TestRepo(join(projects, 'app'));
    const origin = join(root, 'origin.git');
    // An encoded copy inside a longer base64 run (not aligned on the secret's start) and a plain one.
    const embedded = Buffer.from(`{"x":"${s.b64}","y":1}`).toString('base64');
    commits.c1 = repo.commit({
      'README.md': 'hello\n',
      'config/settings.yml': `name: app\nregion: eu\ntoken: ${Buffer.from(s.b64).toString('base64')}\nblob: ${embedded}\n`,
      'old/notes.txt': `nothing\n${s.late}\n`,
    });
    commits.c2 = repo.commit({ 'secrets.txt': `# creds\nKEY=${s.deleted}\n` });
    repo.git('rm', '-q', 'secrets.txt');
    repo.git('commit', '-q', '-m', 'remove secrets');
    commits.decoys = repo.commit({ 'decoys.txt': `${oneOff(s.side)}\n${samePrefix(s.side)}\n${oneOff(s.stash)}\n${s.deleted.slice(0, -1)}\n` });
    repo.git('init', '-q', '--bare', origin);
    repo.git('remote', 'add', 'origin', origin);
    repo.git('push', '-q', 'origin', 'main');
    repo.git('checkout', '-q', '-b', 'side', commits.c1);
    commits.side = repo.commit({ 'deploy.sh': `#!/bin/sh\nset -e\n\nexport KERNLE_API_KEY=${s.side} # ${LINE_MARKER}\n` });
    repo.git('checkout', '-q', 'main');
    repo.write('README.md', `hello\nTOKEN=${s.stash}\n`);
    repo.git('stash', '-q');
    commits.stash = repo.git('rev-parse', 'stash@{0}');

    const svc = join(projects, 'svc');
    mkdirSync(svc);
    writeFileSync(join(svc, '.env'), `# db\nDATABASE_URL=https://u:${encodeURIComponent(s.url)}@db.example.com/x\n`);
    writeFileSync(join(home, '.zsh_history'), `: 1700000000:0;ls\n: 1700000001:0;export TOKEN=${s.zsh}\n: 1700000002:0;cd\n`);

    await must(api.invoke('leaks.addSource', { path: projects }));
  });

  afterAll(async () => {
    await core?.cleanup();
    rmSync(root, { recursive: true, force: true });
  });

  const place = (f: LeakFinding) => ({ key: f.keyName, kind: f.sourceKind, commit: f.commit, path: f.repo ? f.path : f.path.slice(root.length), line: f.line, encoding: f.encoding, exposed: f.exposed });

  it('finds each planted secret with the right key, commit, path and line, and no decoy', async () => {
    const api = clientFor(core.router);
    // The watcher runs, as in the app: the scan's change makes it look again (tray, badge).
    core.expiryScheduler.start();
    const report = await must(api.invoke('leaks.scan', {}));
    expect(report.keyProblems).toEqual([]);
    expect(report.keysSearched).toBe(6);
    expect(report.sources.map((x) => x.problem)).toEqual(report.sources.map(() => null));
    const found = (await must(api.invoke('leaks.list', {}))).map(place);
    const sorted = (a: ReturnType<typeof place>[]) => [...a].sort((x, y) => `${x.key}${x.line}`.localeCompare(`${y.key}${y.line}`));
    expect(sorted(found)).toEqual(
      sorted([
        { key: 'key-side', kind: 'git', commit: commits.side, path: 'deploy.sh', line: 4, encoding: 'raw', exposed: false },
        { key: 'key-stash', kind: 'git', commit: commits.stash, path: 'README.md', line: 2, encoding: 'raw', exposed: false },
        { key: 'key-deleted', kind: 'git', commit: commits.c2, path: 'secrets.txt', line: 2, encoding: 'raw', exposed: true },
        { key: 'key-b64', kind: 'git', commit: commits.c1, path: 'config/settings.yml', line: 3, encoding: 'base64', exposed: true },
        { key: 'key-b64', kind: 'git', commit: commits.c1, path: 'config/settings.yml', line: 4, encoding: 'base64', exposed: true },
        { key: 'key-zsh', kind: 'shell-history', commit: null, path: '/home/.zsh_history', line: 2, encoding: 'raw', exposed: false },
        { key: 'key-url', kind: 'env-file', commit: null, path: '/projects/svc/.env', line: 2, encoding: 'url', exposed: false },
      ]),
    );
    expect(found.some((f) => f.path === 'decoys.txt')).toBe(false);
    expect(report.newFindings).toBe(7);
    expect(report.foundOpen).toBe(7);
    expect(report.skipRule).toMatch(/10 MiB.*NUL byte in the first 8 KiB/);
    // The Health overview's view of the same findings.
    expect(core.services.leaks.openFindingsByKey().find((r) => r.keyId === ids.b64)).toEqual({ keyId: ids.b64, findings: 2, exposed: true });
    expect(core.services.leaks.openFindingsByKey().find((r) => r.keyId === ids.side)).toEqual({ keyId: ids.side, findings: 1, exposed: false });
    // A notification, and once the scan's change has settled, a tray entry for the new findings.
    expect(core.notices.shown.at(-1)).toMatchObject({ title: 'Keydeck found 7 new leaks', screen: 'leaks' });
    core.timers.fire(SETTLE_MS);
    expect(core.tray.at(-1)!.items.slice(0, 6).every((i) => i.label.includes('— leaked ('))).toBe(true);
    expect(core.tray.at(-1)!.items.find((i) => i.keyId === ids.b64)?.label).toBe('key-b64 — leaked (2 places, pushed)');
    core.expiryScheduler.stop();
  });

  it('keeps no secret and no line text in any table, the database files, the events or the log', async () => {
    const tables = (core.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as Array<{ name: string }>).map((t) => t.name);
    const dump = tables.map((t) => JSON.stringify(core.db.prepare(`SELECT * FROM "${t}"`).all())).join('\n');
    expect(dump).toContain('deploy.sh');
    core.db.pragma('wal_checkpoint(TRUNCATE)');
    const disk = ['keydeck.sqlite', 'keydeck.sqlite-wal'].map((f) => { try { return readFileSync(join(core.dataDir, f)).toString('latin1'); } catch { return ''; } }).join('\n');
    const events = JSON.stringify(core.events);
    const notices = JSON.stringify(core.notices.shown);
    for (const secret of Object.values(s)) {
      const forms = [secret, Buffer.from(secret).toString('base64').slice(0, 20), encodeURIComponent(secret), secret.slice(8, -4)];
      for (const hay of [dump, disk, events, logs.join('\n'), notices]) for (const f of forms) expect(hay.includes(f), `${f.slice(0, 10)}… stored`).toBe(false);
    }
    for (const hay of [dump, disk, events, logs.join('\n')]) expect(hay).not.toContain(LINE_MARKER);
  });

  it('a rescan finds the same places without duplicating them', async () => {
    const api = clientFor(core.router);
    const before = await must(api.invoke('leaks.list', {}));
    const report = await must(api.invoke('leaks.scan', {}));
    expect(report.newFindings).toBe(0);
    expect(report.foundOpen).toBe(7);
    const after = await must(api.invoke('leaks.list', {}));
    expect(after.map((f) => f.id).sort()).toEqual(before.map((f) => f.id).sort());
    expect((core.db.prepare('SELECT COUNT(*) AS n FROM leak_findings').get() as { n: number }).n).toBe(7);
  });

  it('reads only the new objects after new commits (counted), and finds a secret planted there', async () => {
    const api = clientFor(core.router);
    const repoReport = (r: { sources: Array<{ kind: string; path: string; objectsRead: number; incremental: boolean }> }) => r.sources.find((x) => x.kind === 'git')!;
    const firstFull = await must(api.invoke('leaks.scan', {}));
    const first = repoReport(firstFull);
    expect(firstFull.sources.every((x) => x.problem === null)).toBe(true);
    expect(first.incremental).toBe(true);
    expect(first.objectsRead).toBe(0);
    for (let i = 0; i < 10; i++) repo.commit({ [`new/file-${i}.txt`]: `change ${i}\n` });
    const ten = repoReport(await must(api.invoke('leaks.scan', {})));
    expect(ten.incremental).toBe(true);
    expect(ten.objectsRead).toBe(10);
    const planted = repo.commit({ 'later.env': `A=1\nB=${s.side}\n` });
    const report = await must(api.invoke('leaks.scan', {}));
    expect(repoReport(report).objectsRead).toBe(1);
    // The commit, and the file as it still sits in the work tree (a `*.env` file).
    expect(report.newFindings).toBe(2);
    expect((await must(api.invoke('leaks.list', {}))).find((x) => x.sourceKind === 'env-file' && x.path.endsWith('/app/later.env'))?.line).toBe(2);
    const f = (await must(api.invoke('leaks.list', {}))).find((x) => x.commit === planted)!;
    expect(place(f)).toEqual({ key: 'key-side', kind: 'git', commit: planted, path: 'later.env', line: 2, encoding: 'raw', exposed: false });
  });

  it('a key added since the last scan gets the whole history searched for it', async () => {
    const api = clientFor(core.router);
    const total = Number(repo.git('rev-list', '--objects', '--all', '--reflog', '--filter=object:type=blob').split('\n').filter((l) => l.length > 41).length);
    ids.late = (await must(api.invoke('keys.import', { name: 'key-late', provider: 'kernle', secret: s.late }))).id;
    const report = await must(api.invoke('leaks.scan', {}));
    const git = report.sources.find((x) => x.kind === 'git')!;
    expect(git.incremental).toBe(false);
    expect(git.objectsRead).toBe(total);
    expect(report.newFindings).toBe(1);
    const f = (await must(api.invoke('leaks.list', {}))).find((x) => x.keyId === ids.late)!;
    expect(place(f)).toMatchObject({ commit: commits.c1, path: 'old/notes.txt', line: 2, exposed: true });
  });

  it('a cleaned file closes its findings as gone; Mark resolved closes one; a retired key closes its own as rotated', async () => {
    const api = clientFor(core.router);
    writeFileSync(join(root, 'projects/svc/.env'), '# db\nDATABASE_URL=keydeck://-/key-url\n');
    await must(api.invoke('leaks.scan', {}));
    const all = await must(api.invoke('leaks.list', { includeResolved: true }));
    expect(all.find((f) => f.keyId === ids.url)).toMatchObject({ resolution: 'gone' });

    const side = all.filter((f) => f.keyId === ids.side && !f.resolvedAt);
    const marked = await must(api.invoke('leaks.resolve', { id: side[0]!.id }));
    expect(marked.resolution).toBe('marked');
    expect((await must(api.invoke('leaks.list', {}))).some((f) => f.id === side[0]!.id)).toBe(false);

    // The zsh key is superseded and its grace ends: its secret no longer works anywhere.
    core.db.prepare('UPDATE keys SET grace_until = ? WHERE id = ?').run('2026-11-24T00:00:00Z', ids.zsh);
    core.clock.set('2026-11-25T00:00:00Z');
    const open = await must(api.invoke('leaks.list', {}));
    expect(open.some((f) => f.keyId === ids.zsh)).toBe(false);
    const closed = (await must(api.invoke('leaks.list', { includeResolved: true }))).find((f) => f.keyId === ids.zsh)!;
    expect(closed.resolution).toBe('rotated');
    // And it is no longer searched for.
    const report = await must(api.invoke('leaks.scan', {}));
    expect(report.keysSearched).toBe(6);
  });
});
