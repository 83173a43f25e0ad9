// `npm run bench:scan`: the leak finder against the floor `git log -p --all | grep -F -f <values>` on
// the same generated repository, in the same run: ≥ 5,000 commits, ≥ 200 MB of history, 50 stored
// secrets planted across it (raw and base64). Then an incremental rescan after 10 new commits, and
// the matcher alone against one Buffer.indexOf per pattern. Figures, no assertions.
// The repository is generated once with `git fast-import` and kept in $TMPDIR/keydeck-bench-scan
// (BENCH_SCAN_FRESH=1 regenerates it). Only this run's test values are ever written to disk.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../electron/core/create-core';
import { silentLogger } from '../../electron/core/log';
import { MultiMatcher } from '../../electron/core/leaks/matcher';
import { patternsFor } from '../../electron/core/leaks/encodings';
import { MemorySecretStore } from './memory-secrets';

const COMMITS = 5000;
const FILES = 200;
const BLOB_BYTES = 42 * 1024;
const SECRETS = 50;
const VERSION = 'v1';

const base = join(tmpdir(), 'keydeck-bench-scan');
const repo = join(base, `repo-${VERSION}`);
const valuesFile = join(base, 'values.txt');

/** Deterministic, fast pseudo-random text: lines of base64-looking words, like config and code. */
function rng(seed: number) {
  let x = seed >>> 0 || 1;
  return () => ((x ^= x << 13), (x ^= x >>> 17), (x ^= x << 5), (x >>> 0));
}
const ALPHA = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_ =:;.{}()';
function text(r: () => number, bytes: number): Buffer {
  const b = Buffer.allocUnsafe(bytes);
  for (let i = 0; i < bytes; i++) b[i] = (i % 64 === 63 ? 10 : ALPHA.charCodeAt(r() % ALPHA.length));
  return b;
}

export const secretValues = Array.from({ length: SECRETS }, (_, i) => `knl_sk_bench${String(i).padStart(2, '0')}_${(0x9e3779b1 * (i + 7) >>> 0).toString(36)}Zq${(0x85ebca6b * (i + 3) >>> 0).toString(36)}x${i}`);

function generate(): Promise<void> {
  rmSync(repo, { recursive: true, force: true });
  mkdirSync(repo, { recursive: true });
  execFileSync('git', ['init', '-q', '-b', 'main', repo]);
  const fi = spawn('git', ['-C', repo, 'fast-import', '--quiet', '--done'], { stdio: ['pipe', 'inherit', 'inherit'] });
  const r = rng(42);
  const write = (b: Buffer | string) => fi.stdin.write(b);
  const every = Math.floor(COMMITS / SECRETS);
  for (let c = 0; c < COMMITS; c++) {
    let body = text(r, BLOB_BYTES);
    if (c % every === every / 2) {
      const i = Math.floor(c / every);
      const v = secretValues[i]!;
      const line = i % 5 === 4 ? `token: ${Buffer.from(v).toString('base64')}\n` : `API_KEY=${v}\n`;
      body = Buffer.concat([body.subarray(0, 4096), Buffer.from(line), body.subarray(4096)]);
    }
    write(`blob\nmark :${c + 1}\ndata ${body.length}\n`);
    write(body);
    write('\n');
    const msg = `change ${c}`;
    write(`commit refs/heads/main\ncommitter Bench <b@example.com> ${1700000000 + c * 60} +0000\ndata ${msg.length}\n${msg}\n`);
    write(`M 100644 :${c + 1} src/file-${c % FILES}.txt\n\n`);
  }
  write('done\n');
  fi.stdin.end();
  return new Promise((resolve, reject) => fi.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`git fast-import exited ${code}`)))));
}

function waitExit(cmd: string, args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 30 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} failed (${r.status})`);
  return performance.now() - t0;
}

async function main() {
  mkdirSync(base, { recursive: true });
  const marker = join(repo, '.git', 'keydeck-bench-done');
  if (process.env.BENCH_SCAN_FRESH || !existsSync(marker)) {
    const t0 = performance.now();
    await generate();
    writeFileSync(marker, 'ok');
    console.log(`generated ${COMMITS} commits in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const history = execFileSync('git', ['-C', repo, 'cat-file', '--batch-all-objects', '--batch-check=%(objecttype) %(objectsize)'], { encoding: 'utf8', maxBuffer: 1 << 28 })
    .split('\n').filter((l) => l.startsWith('blob ')).reduce((n, l) => n + Number(l.slice(5)), 0);
  const pack = execFileSync('du', ['-sm', join(repo, '.git')], { encoding: 'utf8' }).split('\t')[0];
  console.log(`repository: ${COMMITS} commits, ${(history / 1e6).toFixed(0)} MB of blob content (${pack} MB packed), ${SECRETS} secrets planted`);

  // The floor: every diff of history through grep, with the test values in a file.
  writeFileSync(valuesFile, secretValues.join('\n') + '\n');
  const floorMs = waitExit('sh', ['-c', `git -C '${repo}' log -p --all | grep -F -c -f '${valuesFile}'`]);
  const floorHits = spawnSync('sh', ['-c', `git -C '${repo}' log -p --all | grep -F -o -f '${valuesFile}' | sort -u | wc -l`], { encoding: 'utf8' }).stdout.trim();

  const dataDir = mkdtempSync(join(tmpdir(), 'keydeck-bench-scan-core-'));
  const timers = { setTimeout: () => 0, clearTimeout: () => {} };
  const core = createCore({ dataDir, secrets: new MemorySecretStore(), logger: silentLogger, timers, changeTimers: timers, leaks: { shellHome: null } });
  const call = async (c: string, i: object) => {
    const r = await core.router.invoke(c as never, i as never);
    if (!r.ok) throw new Error(`${c}: ${r.error.message}`);
    return r.value as never;
  };
  try {
    for (const [i, v] of secretValues.entries()) await call('keys.import', { name: `bench-${i}`, provider: 'kernle', secret: v });
    await call('leaks.addSource', { path: repo });
    const t0 = performance.now();
    const report = (await call('leaks.scan', {})) as { sources: Array<{ objectsRead: number; bytesRead: number; problem: unknown }> };
    const scanMs = performance.now() - t0;
    const keysFound = new Set(((await call('leaks.list', {})) as Array<{ keyId: string }>).map((f) => f.keyId)).size;
    const src = report.sources[0]!;
    if (src.problem) throw new Error(`scan problem: ${JSON.stringify(src.problem)}`);

    // 10 new commits on a branch of their own, removed afterwards so the cached repository stays as generated.
    const r = rng(7);
    let parent = execFileSync('git', ['-C', repo, 'rev-parse', 'main'], { encoding: 'utf8' }).trim();
    for (let c = 0; c < 10; c++) {
      const blob = execFileSync('git', ['-C', repo, 'hash-object', '-w', '--stdin'], { input: text(r, BLOB_BYTES), encoding: 'utf8' }).trim();
      const tree = execFileSync('git', ['-C', repo, 'mktree'], { input: `100644 blob ${blob}\tincremental-${c}.txt\n`, encoding: 'utf8' }).trim();
      parent = execFileSync('git', ['-C', repo, 'commit-tree', tree, '-p', parent, '-m', `incremental ${c}`], { encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@x', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@x' } }).trim();
    }
    execFileSync('git', ['-C', repo, 'update-ref', 'refs/heads/bench-incremental', parent]);
    const t1 = performance.now();
    const inc = (await call('leaks.scan', {})) as { sources: Array<{ objectsRead: number; incremental: boolean }> };
    const incMs = performance.now() - t1;
    execFileSync('git', ['-C', repo, 'update-ref', '-d', 'refs/heads/bench-incremental']);

    console.log(`floor  git log -p --all | grep -F -f values   ${(floorMs / 1000).toFixed(2)} s   (${floorHits} distinct values seen)`);
    console.log(`keydeck scan (full history)                  ${(scanMs / 1000).toFixed(2)} s   ${src.objectsRead} blobs, ${(src.bytesRead / 1e6).toFixed(0)} MB read, ${keysFound}/${SECRETS} keys found   ratio ×${(scanMs / floorMs).toFixed(2)} floor (goal ≤ 1.0)`);
    console.log(`keydeck scan after 10 new commits            ${incMs.toFixed(0)} ms   ${inc.sources[0]!.objectsRead} blobs read (incremental: ${inc.sources[0]!.incremental})`);
  } finally {
    core.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(valuesFile, { force: true });
  }

  // The matcher alone: 300 patterns (50 secrets × their forms) over 64 MB of text.
  const patterns = secretValues.flatMap((v, i) => patternsFor(`k${i}`, v)).map((p) => p.bytes);
  const hay = text(rng(9), 64 * 1024 * 1024);
  const m = new MultiMatcher(patterns);
  let t = performance.now();
  let n = 0;
  m.find(hay, () => n++);
  const mm = performance.now() - t;
  t = performance.now();
  for (const p of patterns) if (hay.indexOf(p) !== -1) n++;
  const naive = performance.now() - t;
  console.log(`matcher: ${patterns.length} patterns over 64 MB   Wu–Manber ${(64 / (mm / 1000)).toFixed(0)} MB/s   one indexOf per pattern ${(64 / (naive / 1000)).toFixed(0)} MB/s`);
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
