import type { Command } from 'commander';
import { resolveKey, revealSecret, type CliContext } from '../context';
import { printJson, printSecret } from '../output';

/** One secret to stdout, for `$(keydeck read …)`: no trailing newline unless asked, audited as a read. */
export function registerRead(program: Command, ctx: CliContext): void {
  program
    .command('read')
    .description('print one secret (audited); no trailing newline unless -n')
    .argument('<ref>', 'keydeck://workspace/key, a name, handle or id')
    .option('-n, --newline', 'end with a newline')
    .option('--workspace <workspace>', 'where a name is ambiguous')
    .option('--json', 'machine-readable output: {"reference", "id", "name", "secret"}')
    .action(async (ref: string, o: { newline?: boolean; workspace?: string; json?: boolean }) => {
      const { key, reference } = await resolveKey(ctx, ref, 'use', o.workspace);
      const secret = await revealSecret(ctx, key.id, 'read');
      if (o.json) printJson({ reference, id: key.id, name: key.name, secret });
      else printSecret(secret, o.newline === true);
    });
}
