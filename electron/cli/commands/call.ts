import type { Command } from 'commander';
import { CHANNELS } from '../../../shared/contract/names';
import { describeError, CliFailure, usageError, type CliContext } from '../context';
import { printError, printJson } from '../output';
import { argvSecretWarning } from '../argv-secret-warning';

/** Any contract channel, for scripts and debugging: the same validation as the window's calls. */
export function registerCall(program: Command, ctx: CliContext): void {
  program
    .command('call')
    .description("call any contract channel; JSON input as an argument, or '-' to read it from stdin")
    .argument('[channel]', `one of: ${CHANNELS.join(', ')}`)
    .argument('[json]', "the input as JSON, or '-' for stdin", '{}')
    .option('--json', 'accepted for symmetry: the answer is always JSON')
    .action(async (channel: string | undefined, json: string) => {
      if (!channel) throw usageError(`Name a channel: keydeck call CHANNEL [JSON|-]\nChannels: ${CHANNELS.join(', ')}`);
      const text = json === '-' ? await ctx.readStdin() : json;
      let input: unknown;
      try {
        input = JSON.parse(text);
      } catch {
        throw usageError('The input is not valid JSON.');
      }
      const warning = argvSecretWarning(channel, input, json === '-' ? 'stdin' : 'argv');
      if (warning) printError(warning);
      const result = await (await ctx.router()).invoke(channel, input);
      if (!result.ok) throw new CliFailure(describeError(channel, result.error, {}), 1, result.error);
      printJson(result.value);
    });
}
