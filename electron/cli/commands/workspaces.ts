import type { Command } from 'commander';
import { invoke, resolveWorkspaceId, type CliContext } from '../context';
import { printHuman, printJson } from '../output';
import { syncLine, workspacesTable } from '../format';

export function registerWorkspaces(program: Command, ctx: CliContext): void {
  program
    .command('workspaces')
    .description('list workspaces')
    .option('--json', 'machine-readable output')
    .action(async (o: { json?: boolean }) => {
      const list = await invoke(ctx, 'workspaces.list', {});
      if (o.json) printJson(list);
      else printHuman(workspacesTable(list));
    });

  const ws = program.command('workspace').description('add a workspace (one account at one service)');
  ws.command('add')
    .description('add a workspace')
    .requiredOption('--name <name>', 'a name you will recognise, e.g. Acme')
    .requiredOption('--provider <provider>', 'kernel-sh, kernle, asimov-kernel or kinesis')
    .requiredOption('--env <env>', 'dev, staging or prod')
    .option('--base-url <url>', "the service's base URL (self-hosted or an imitation server)")
    .option('--json', 'machine-readable output')
    .action(async (o: { name: string; provider: string; env: string; baseUrl?: string; json?: boolean }) => {
      const added = await invoke(ctx, 'workspaces.add', { name: o.name, provider: o.provider as never, environment: o.env as never, ...(o.baseUrl ? { baseUrl: o.baseUrl } : {}) });
      if (o.json) printJson(added);
      else printHuman(`Added workspace ${added.id}`);
    });

  program
    .command('connect')
    .description('verify a management key (typed or piped, never an argument) and sync the key list')
    .argument('<workspace>', 'workspace name or id')
    .option('--project <id>', 'kernel.sh: scope the workspace to one project')
    .option('--json', 'machine-readable output')
    .action(async (workspace: string, o: { project?: string; json?: boolean }) => {
      const id = await resolveWorkspaceId(ctx, workspace);
      const secret = await ctx.readSecret('Paste the management key');
      const report = await invoke(ctx, 'workspaces.connect', { id, secret, ...(o.project ? { projectId: o.project } : {}) });
      if (o.json) printJson(report);
      else printHuman(syncLine(report));
    });

  program
    .command('refresh')
    .description("re-read one workspace's key list")
    .argument('<workspace>', 'workspace name or id')
    .option('--json', 'machine-readable output')
    .action(async (workspace: string, o: { json?: boolean }) => {
      const report = await invoke(ctx, 'workspaces.refresh', { id: await resolveWorkspaceId(ctx, workspace) });
      if (o.json) printJson(report);
      else printHuman(syncLine(report));
    });

  program
    .command('sweep')
    .description('refresh every connected workspace')
    .option('--json', 'machine-readable output')
    .action(async (o: { json?: boolean }) => {
      const r = await invoke(ctx, 'workspaces.sweep', {});
      if (o.json) printJson(r);
      else printHuman(`${r.succeeded}/${r.total} workspaces refreshed in ${r.durationMs} ms${r.failed.map((f) => `\n  ${f.workspaceId}: [${f.code}] ${f.message}`).join('')}`);
    });
}
