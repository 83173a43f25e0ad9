import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

/** A real git repository the test builds, commit by commit, with the system git. */
export class TestRepo {
  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    this.git('init', '-q', '-b', 'main');
  }

  git(...args: string[]): string {
    return execFileSync('git', ['-C', this.dir, ...args], { env: GIT_ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  }

  write(path: string, content: string): void {
    const p = join(this.dir, path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, content);
  }

  /** Writes the files, commits them, answers the commit id. */
  commit(files: Record<string, string>, message = 'change'): string {
    for (const [p, c] of Object.entries(files)) this.write(p, c);
    this.git('add', '-A');
    this.git('commit', '-q', '-m', message);
    return this.git('rev-parse', 'HEAD');
  }

  head(): string {
    return this.git('rev-parse', 'HEAD');
  }
}

/** A secret no test shares with another, and decoys that must never match it. */
export function secretFor(tag: string): string {
  return `knl_sk_${tag}_${Math.random().toString(36).slice(2, 10)}Q7xZ${Date.now().toString(36)}`;
}

/** Differs in the last character only. */
export const oneOff = (s: string) => s.slice(0, -1) + (s.endsWith('A') ? 'B' : 'A');
/** Same first half, different rest. */
export const samePrefix = (s: string) => s.slice(0, Math.floor(s.length / 2)) + 'zzzzzzzzzzzzzzzzzzzz'.slice(0, s.length - Math.floor(s.length / 2));
