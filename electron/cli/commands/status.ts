import type { Command } from 'commander';
import { invoke, resolveKey, type CliContext } from '../context';
import { printHuman, printJson } from '../output';
import { attentionText, expiryTable } from '../format';

/** What happened and what needs looking at: audit log, expiry, attention items. */
export function registerStatus(program: Command, ctx: CliContext): void {
  program
    .command('audit')
    .description('recent audit events')
    .option('--key <key>', 'only this key (reference, name, handle or id)')
    .option('--json', 'machine-readable output')
    .action(async (o: { key?: string; json?: boolean }) => {
      const keyId = o.key ? (await resolveKey(ctx, o.key, 'manage')).key.id : undefined;
      const list = await invoke(ctx, 'audit.list', keyId ? { keyId } : {});
      if (o.json) printJson(list);
      else printHuman(list.map((e) => `${e.at}  ${e.kind.padEnd(17)} ${e.summary}`).join('\n'));
    });

  program
    .command('expiring')
    .description('keys by urgency (what the tray shows)')
    .option('--json', 'machine-readable output')
    .action(async (o: { json?: boolean }) => {
      const s = await invoke(ctx, 'expiry.status', {});
      if (o.json) printJson(s);
      else printHuman(expiryTable(s));
    });

  program
    .command('attention')
    .description('what needs you: rotations waiting for a decision and keys in a warning tier (the same count as the window)')
    .option('--json', 'machine-readable output: {count, keyIds, rotations, warnings}')
    .action(async (o: { json?: boolean }) => {
      const a = await invoke(ctx, 'attention.list', {});
      if (o.json) return printJson(a);
      if (a.count === 0) return printHuman('Nothing needs attention.');
      printHuman(attentionText(a, new Date()));
    });
}
