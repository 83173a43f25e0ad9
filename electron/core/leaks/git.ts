/** Why a source could not be read, in words for the scan report. */
export class SourceError extends Error {
  constructor(
    message: string,
    readonly reason: 'not_a_repository' | 'corrupt' | 'timeout' | 'unreadable' | 'not_found' | 'symlink_loop' | 'not_a_file' | 'git_failed',
  ) {
    super(message);
  }
}

export interface GitOptions {
  /** The system git (tests put a slow stand-in here). */
  bin: string;
  /** Epoch ms after which the child is killed and the source reported as too slow. */
  deadline: number;
}

export interface GitCall {
  args: string[];
  /** Written to stdin (object ids only: never a secret). */
  input?: string;
  /** Streamed output; without it the whole stdout is returned. */
  onStdout?: (chunk: Buffer) => void;
}

/** One git child process in `repo`, killed at the deadline. Rejects with a SourceError. */
export function runGit(repo: string, opts: GitOptions, call: GitCall): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const left = opts.deadline - Date.now();
    if (left <= 0) return reject(timeoutError(opts));
    // Looked up here, not imported: every CLI start would pay ~2 ms for node:child_process.
    const child = process.getBuiltinModule('node:child_process').spawn(opts.bin, ['-C', repo, ...call.args], {
      stdio: ['pipe', 'pipe', 'pipe'],
      // No pager, no prompts, no user config that could change the output format.
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', GIT_CONFIG_NOSYSTEM: '1', LC_ALL: 'C' },
    });
    const out: Buffer[] = [];
    let err = '';
    let timedOut = false;
    let failed: Error | null = null;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, left);
    child.stdout.on('data', (c: Buffer) => {
      if (failed) return;
      if (!call.onStdout) return void out.push(c);
      try {
        call.onStdout(c);
      } catch (e) {
        failed = e instanceof Error ? e : new Error(String(e));
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (c: Buffer) => {
      if (err.length < 4000) err += c.toString('utf8');
    });
    child.stdin.on('error', () => {});
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new SourceError(`could not start git (${opts.bin}): ${e.message}. Install git or check PATH.`, 'git_failed'));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (timedOut) return reject(timeoutError(opts));
      if (failed) return reject(failed);
      if (code !== 0) return reject(gitFailure(err, code));
      resolve(Buffer.concat(out));
    });
    if (call.input !== undefined) child.stdin.end(call.input);
    else child.stdin.end();
  });
}

function timeoutError(opts: GitOptions): SourceError {
  void opts;
  return new SourceError('the repository did not answer before the per-source deadline (slow disk or network drive?); the other sources were scanned', 'timeout');
}

/** git's own first error line, classified: a corrupt object and "not a repository" get their own advice. */
function gitFailure(stderr: string, code: number | null): SourceError {
  const line = stderr.split('\n').map((l) => l.trim()).find((l) => /^(fatal|error):/.test(l)) ?? stderr.trim().split('\n')[0] ?? '';
  const text = line.replace(/^(fatal|error):\s*/, '').slice(0, 300);
  if (/not a git repository/i.test(stderr)) return new SourceError(`not a git repository (${text})`, 'not_a_repository');
  if (/corrupt|bad object|unable to unpack|inflate|loose object|packfile|missing (blob|tree|commit)|unable to read|invalid object|did not match index/i.test(stderr)) {
    return new SourceError(`the repository is damaged (${text}); run \`git fsck\` there`, 'corrupt');
  }
  return new SourceError(`git failed with exit code ${code ?? 'signal'}${text ? `: ${text}` : ''}`, 'git_failed');
}
