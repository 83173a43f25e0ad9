import { resolve } from 'node:path';
import type { Command } from 'commander';
import { PROVIDERS } from '../../../shared/domain';
import { CliFailure, invoke, resolveKey, type CliContext } from '../context';
import { printHuman, printJson } from '../output';

/** Where a key is used: the .env files a rotation rewrites. Paths are taken relative to where you are. */
export function registerUsage(program: Command, ctx: CliContext): void {
  const usage = program.command('usage').description('where a key is used (.env files a rotation rewrites)');
  usage
    .command('add')
    .description('record that FILE holds the key in a variable')
    .argument('<key>', 'reference, name, handle or id')
    .argument('<file>', 'the .env file (relative to here, or absolute)')
    .option('--var <VAR>', "the variable's name (default: the service's convention, e.g. KERNEL_API_KEY)")
    .option('--workspace <workspace>', 'where a name is ambiguous')
    .option('--json', 'machine-readable output')
    .action(async (ref: string, file: string, o: { var?: string; workspace?: string; json?: boolean }) => {
      const { key } = await resolveKey(ctx, ref, 'manage', o.workspace);
      const envVar = o.var ?? PROVIDERS[key.provider].envVar;
      const u = await invoke(ctx, 'usages.add', { keyId: key.id, envVar, filePath: resolve(file) });
      if (o.json) printJson(u);
      else printHuman(`Recorded ${u.envVar} in ${u.filePath} for "${key.name}" (${u.id}); a rotation rewrites it there.`);
    });
  usage
    .command('list')
    .description("a key's recorded usages")
    .argument('<key>', 'reference, name, handle or id')
    .option('--workspace <workspace>', 'where a name is ambiguous')
    .option('--json', 'machine-readable output')
    .action(async (ref: string, o: { workspace?: string; json?: boolean }) => {
      const { key } = await resolveKey(ctx, ref, 'manage', o.workspace);
      const list = await invoke(ctx, 'usages.list', { keyId: key.id });
      if (o.json) printJson(list);
      else printHuman(list.length ? list.map((u) => `${u.id}  ${u.envVar.padEnd(20)} ${u.filePath}${u.lastOutcome ? `  (${u.lastOutcome})` : ''}`).join('\n') : `No usage recorded for "${key.name}". Add one: keydeck usage add ${ref} .env`);
    });
  usage
    .command('remove')
    .description('forget a usage: by its id (u_…), or by KEY and FILE')
    .argument('<usage-or-key>', 'a usage id, or the key')
    .argument('[file]', 'the .env file, when a key is given')
    .option('--var <VAR>', 'the variable, when the file holds several of this key')
    .option('--workspace <workspace>', 'where a name is ambiguous')
    .option('--json', 'machine-readable output')
    .action(async (first: string, file: string | undefined, o: { var?: string; workspace?: string; json?: boolean }) => {
      let ids: string[];
      if (!file && /^u_[0-9a-f]+$/.test(first)) ids = [first];
      else {
        const { key } = await resolveKey(ctx, first, 'manage', o.workspace);
        const path = file ? resolve(file) : null;
        ids = (await invoke(ctx, 'usages.list', { keyId: key.id })).filter((u) => (!path || u.filePath === path) && (!o.var || u.envVar === o.var)).map((u) => u.id);
        if (ids.length === 0) throw new CliFailure(`error [not_found]: no usage of "${key.name}"${path ? ` in ${path}` : ''}${o.var ? ` as ${o.var}` : ''}. keydeck usage list ${first} shows them.`, 1);
      }
      const removed = [];
      for (const id of ids) removed.push(await invoke(ctx, 'usages.remove', { id }));
      if (o.json) printJson(removed);
      else printHuman(`Removed ${removed.map((r) => r.id).join(', ')}`);
    });
}
