import { Command, CommanderError } from 'commander';
import { CliFailure, type CliContext } from './context';
import { InterruptedError } from './input';
import { helpOutput, printError, printJsonError } from './output';
import { registerWorkspaces } from './commands/workspaces';
import { registerKeys } from './commands/keys';
import { registerStatus } from './commands/status';
import { registerCall } from './commands/call';
import { registerRead } from './commands/read';
import { registerRun } from './commands/run';
import { registerInject } from './commands/inject';
import { registerUsage } from './commands/usage';
import { registerImportEnv } from './commands/import-env';
import { registerHealth } from './commands/health';
import { registerScan } from './commands/scan';

/** Exit codes: 0 done, 1 the core refused (its code on stderr), 2 usage, 3 `health` found keys needing action. `run` passes its child's code through. */
export const EXIT = { ok: 0, refused: 1, usage: 2, needsAction: 3 } as const;

type Register = (program: Command, ctx: CliContext) => void;

/**
 * One file per command group, with the top-level commands that need it built; a new group is one
 * more line. Order matters: `health` adds `workspace policy` to the `workspace` command made by
 * the workspaces group, so `health` needs that group too.
 */
export const COMMAND_GROUPS: readonly (readonly [Register, readonly string[]])[] = [
  [registerRun, ['run']],
  [registerRead, ['read']],
  [registerInject, ['inject']],
  [registerKeys, ['keys', 'import', 'reveal', 'delete', 'create', 'rotate', 'revoke', 'key']],
  [registerWorkspaces, ['workspaces', 'workspace', 'connect', 'refresh', 'sweep', 'health']],
  [registerUsage, ['usage']],
  [registerImportEnv, ['import-env']],
  [registerScan, ['scan']],
  [registerStatus, ['audit', 'expiring', 'attention']],
  [registerHealth, ['health', 'workspace']],
  [registerCall, ['call']],
];

/**
 * The program for these arguments. A command named first gets only its own group built, which
 * keeps ~2 ms of option parsing set-up off `keydeck read`; anything else (help, an option, a typo
 * to suggest a command for) gets every command.
 */
export function buildProgram(ctx: CliContext, argv: readonly string[] = []): Command {
  const program = new Command('keydeck')
    .description('API keys in your OS keychain, used by name: keydeck run -e KERNEL_API_KEY=keydeck://acme/ci-deploy -- ./deploy.sh')
    .configureOutput(helpOutput)
    .showSuggestionAfterError(true)
    .showHelpAfterError('(keydeck --help lists the commands; keydeck help COMMAND explains one)')
    .enablePositionalOptions()
    .helpCommand('help [command]', 'show help for a command')
    .exitOverride();
  const named = COMMAND_GROUPS.filter(([, names]) => names.includes(argv[0] ?? ''));
  for (const [register] of named.length ? named : COMMAND_GROUPS) register(program, ctx);
  program.addHelpText('after', '\nNames, handles and references (keydeck://workspace/key) work wherever a key or workspace is asked for; ids (k_…, w_…) still do.\nProviders: kernel-sh, kernle, asimov-kernel, kinesis. Exit codes: 0 ok, 1 refused, 2 usage, 3 found something to act on (health: keys needing action; scan: open leaks); run exits with its command\'s code.');
  for (const cmd of program.commands) cmd.exitOverride().configureOutput(helpOutput).showSuggestionAfterError(true);
  return program;
}

/** Parses argv (without node and script), runs one command, and answers its exit code. Never throws. */
export async function runProgram(argv: string[], ctx: CliContext): Promise<number> {
  const program = buildProgram(ctx, argv);
  const json = argv.slice(0, argv.includes('--') ? argv.indexOf('--') : argv.length).includes('--json');
  if (argv.length === 0) {
    helpOutput.writeErr(program.helpInformation());
    return EXIT.usage;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return ctx.exitCode ?? EXIT.ok;
  } catch (e) {
    return failure(e, json);
  } finally {
    ctx.close();
  }
}

function failure(e: unknown, json: boolean): number {
  if (e instanceof CommanderError) {
    // Help asked for (--help, help CMD) is an answer, not an error.
    if (e.exitCode === 0) return EXIT.ok;
    return EXIT.usage;
  }
  if (e instanceof CliFailure) {
    if (json && e.error) printJsonError({ ok: false, error: e.error });
    else printError(e.message);
    return e.exitCode;
  }
  if (e instanceof InterruptedError) {
    printError(e.message);
    return 130;
  }
  printError(`error: ${e instanceof Error ? e.message : 'something unexpected went wrong'}`);
  return EXIT.refused;
}
