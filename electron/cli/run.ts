import type { Core } from '../core/create-core';
import { CliFailure, type CliContext } from './context';
import { readAllStdin, readSecret } from './input';
import { printError } from './output';
import { runProgram } from './program';

/**
 * One `keydeck …` invocation, from its arguments to its exit code. Shared by the Node entry
 * (out/main/cli.js) and the installed app's binary started as the `keydeck` command (cli-mode.ts).
 */
export async function runKeydeckCli(argv: string[]): Promise<number> {
  quietOnClosedPipe();
  let core: Core | null = null;
  let opening: Promise<Core> | null = null;

  /** Opened on a command's first call, so `--help` and usage errors never touch the database. */
  const openCore = async (): Promise<Core> => {
    if (core) return core;
    opening ??= (async () => {
      let c: Core;
      try {
        // Loaded on first use: providers, HTTP and SQLite are most of the start-up time, and
        // `--help` or a usage error needs none of them.
        const [{ createDefaultCore }, { stderrLogger }] = await Promise.all([import('../core/create-core'), import('../core/log')]);
        c = createDefaultCore({ logger: stderrLogger('cli', 'warn') });
      } catch (e) {
        throw new CliFailure(`error: ${e instanceof Error ? e.message : 'Keydeck could not start.'}`, 1);
      }
      // Every start finishes or undoes what a crash interrupted (design.md, Rotation).
      await c.services.rotation.reconcile().catch((e: unknown) => printError(`warning: could not finish an interrupted rotation (${e instanceof Error ? e.message : 'unknown error'}); see "keydeck attention".`));
      core = c;
      return c;
    })();
    return opening;
  };

  const ctx: CliContext = {
    core: openCore,
    router: async () => (await openCore()).router,
    readSecret: (prompt) => readSecret(prompt),
    readStdin: () => readAllStdin(),
    close: () => {
      core?.close();
    },
  };
  return runProgram(argv, ctx);
}

/**
 * `keydeck keys | head` closes the pipe early: that is the reader's choice, not a crash to print.
 * The handler goes on each stream when it is first used: making process.stderr costs ~1.5 ms,
 * and a command that succeeds never writes to it.
 */
function quietOnClosedPipe(): void {
  for (const name of ['stdout', 'stderr'] as const) {
    onFirstUse(name, (stream) =>
      stream.on('error', (e: NodeJS.ErrnoException) => {
        if (e.code !== 'EPIPE') throw e;
        process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
      }),
    );
  }
}

/** Runs `attach` on process[name] when something first reads it (Node makes the stream then). */
function onFirstUse(name: 'stdout' | 'stderr', attach: (stream: NodeJS.WriteStream) => void): void {
  const own = Object.getOwnPropertyDescriptor(process, name);
  const make = own?.get;
  if (!make || !own.configurable) return void attach(process[name]);
  Object.defineProperty(process, name, {
    configurable: true,
    enumerable: own.enumerable,
    get() {
      const stream = make.call(process) as NodeJS.WriteStream;
      Object.defineProperty(process, name, { configurable: true, enumerable: own.enumerable, writable: false, value: stream });
      attach(stream);
      return stream;
    },
  });
}
