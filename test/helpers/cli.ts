import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../out/main/cli.js', import.meta.url));
/** The command `keydeck run` starts in tests (test/helpers/run-child.mjs). */
export const RUN_CHILD = fileURLToPath(new URL('./run-child.mjs', import.meta.url));

/** As the CLI's shebang starts it (`node --`): Node then leaves `--env-file` to keydeck run. */
export const NODE_ARGS = ['--'];

export interface CliRun {
  code: number;
  signal?: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a separate process, as a person would while the app is open. */
export function runCli(args: string[], opts: { env: NodeJS.ProcessEnv; stdin?: string; cwd?: string }): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...NODE_ARGS, CLI, ...args], { env: opts.env, stdio: ['pipe', 'pipe', 'pipe'], ...(opts.cwd ? { cwd: opts.cwd } : {}) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(opts.stdin ?? '');
  });
}

/** A CLI process that keeps running (keydeck run): its output so far, a wait for a line, and its end. */
export interface LiveCli {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Resolves when the output (stdout + stderr) matches, or rejects after `ms` with what was seen. */
  waitFor(pattern: RegExp, ms?: number): Promise<RegExpMatchArray>;
  done: Promise<CliRun>;
}

export function startCli(args: string[], opts: { env: NodeJS.ProcessEnv }): LiveCli {
  const child = spawn(process.execPath, [...NODE_ARGS, CLI, ...args], { env: opts.env, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const waiters = new Set<() => void>();
  const poke = () => waiters.forEach((w) => w());
  child.stdout.on('data', (d) => ((out += d), poke()));
  child.stderr.on('data', (d) => ((err += d), poke()));
  const done = new Promise<CliRun>((resolve) => child.on('close', (code, signal) => (poke(), resolve({ code: code ?? -1, signal, stdout: out, stderr: err }))));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    done,
    waitFor(pattern, ms = 20_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = (out + err).match(pattern);
          if (m) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(m);
          } else if (child.exitCode !== null || child.signalCode !== null) {
            waiters.delete(check);
            clearTimeout(timer);
            reject(new Error(`keydeck exited before ${pattern}; stdout: ${out} stderr: ${err}`));
          }
        };
        const timer = setTimeout(() => (waiters.delete(check), reject(new Error(`no ${pattern} within ${ms} ms; stdout: ${out} stderr: ${err}`))), ms);
        waiters.add(check);
        check();
      });
    },
  };
}

export function cliEnv(dataDir: string, service: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, KEYDECK_DATA_DIR: dataDir, KEYDECK_KEYCHAIN_SERVICE: service, ...extra };
}
