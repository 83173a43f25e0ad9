import { createDefaultCore } from '../core/create-core';
import { stderrLogger } from '../core/log';
import { parseArgs } from './args';
import { runCli, USAGE, type Io } from './commands';
import { safeLinesForTerminal } from './terminal-safe';

/** The terminal: secrets come from stdin, results on stdout, everything else on stderr. */
export const processIo: Io = {
  async readStdin() {
    if (process.stdin.isTTY) process.stderr.write('Paste the secret, then press Ctrl-D: ');
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
  // stdout stays byte-exact (`--json`, a revealed secret piped on); what reaches it from a service
  // is escaped where it is rendered (format.ts). stderr carries services' error text: escaped here.
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${safeLinesForTerminal(text)}\n`),
};

/**
 * One `keydeck …` invocation, from its arguments to its exit code. Shared by the Node entry
 * (out/main/cli.js) and the installed app's binary started as the `keydeck` command (cli-mode.ts).
 */
export async function runKeydeckCli(argv: string[], io: Io = processIo): Promise<number> {
  const args = parseArgs(argv);
  if (args.positionals.length === 0 || args.flags.has('help')) {
    io.err(USAGE);
    return 2;
  }
  let core;
  try {
    core = createDefaultCore({ logger: stderrLogger('cli', 'warn') });
  } catch (e) {
    io.err(`error: ${e instanceof Error ? e.message : 'Keydeck could not start.'}`);
    return 1;
  }
  try {
    // Every start finishes or undoes what a crash interrupted (design.md, Rotation).
    await core.services.rotation.reconcile().catch((e: unknown) => io.err(`warning: could not finish an interrupted rotation (${e instanceof Error ? e.message : 'unknown error'}); see "keydeck call rotations.attention".`));
    return await runCli(args, core.router, io);
  } finally {
    core.close();
  }
}
