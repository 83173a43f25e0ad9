import type { ChildProcess } from 'node:child_process';
import { constants } from 'node:os';
import { StreamMasker } from './masker';

export const FORWARDED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'] as const;

export interface ChildSpec {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** Secrets to mask in piped output; null = stdio untouched. */
  mask: { secrets: string[]; stdout: boolean; stderr: boolean } | null;
}

export type ChildEnd = { kind: 'exited'; code: number } | { kind: 'failed'; code: number; message: string };

/** 128+N for a signal, as shells report it. */
export const signalExitCode = (signal: NodeJS.Signals): number => 128 + (constants.signals[signal] ?? 0);

/**
 * Starts CMD with its arguments exactly as given (no shell: nothing is re-split or expanded)
 * and the secrets in its environment only. Resolves when it has ended and its output is flushed.
 */
export function startChild(spec: ChildSpec): { child: ChildProcess; ended: Promise<ChildEnd> } {
  const masked = spec.mask;
  // Looked up here, not imported: loading node:child_process costs ~2 ms that `read` never needs.
  const child = process.getBuiltinModule('node:child_process').spawn(spec.command, spec.args, {
    env: spec.env,
    stdio: ['inherit', masked?.stdout ? 'pipe' : 'inherit', masked?.stderr ? 'pipe' : 'inherit'],
  });
  const flushed: Promise<void>[] = [];
  if (masked?.stdout && child.stdout) flushed.push(pipeMasked(child.stdout, process.stdout, masked.secrets));
  if (masked?.stderr && child.stderr) flushed.push(pipeMasked(child.stderr, process.stderr, masked.secrets));
  const ended = new Promise<ChildEnd>((resolve) => {
    child.once('error', (e: NodeJS.ErrnoException) => {
      const reason = e.code === 'ENOENT' ? 'command not found (not a file, and not on PATH)' : e.code === 'EACCES' ? 'permission denied (is it executable?)' : e.message;
      resolve({ kind: 'failed', code: e.code === 'EACCES' ? 126 : 127, message: `${spec.command}: ${reason}` });
    });
    child.once('exit', (code, signal) => {
      void Promise.all(flushed).then(() => resolve({ kind: 'exited', code: signal ? signalExitCode(signal) : (code ?? 0) }));
    });
  });
  return { child, ended };
}

function pipeMasked(from: NodeJS.ReadableStream, to: NodeJS.WritableStream, secrets: string[]): Promise<void> {
  const stage = new StreamMasker(secrets).transform();
  from.pipe(stage).pipe(to, { end: false });
  return new Promise((resolve) => stage.once('end', resolve));
}

/** Passes the four signals a person or a supervisor sends on to the child; returns the undo. */
export function forwardSignals(target: () => ChildProcess | null): () => void {
  const handlers = FORWARDED_SIGNALS.map((signal) => {
    const handler = () => {
      const child = target();
      if (child && child.exitCode === null && child.signalCode === null) child.kill(signal);
    };
    process.on(signal, handler);
    return () => process.off(signal, handler);
  });
  return () => handlers.forEach((off) => off());
}

/** SIGTERM, then SIGKILL after the grace; resolves when the child is gone. */
export async function stopChild(child: ChildProcess, ended: Promise<ChildEnd>, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const killed = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, graceMs);
  });
  await Promise.race([ended.then(() => undefined), killed]);
  clearTimeout(timer);
  await ended;
}
