import type { Command } from 'commander';
import { describePolicy, PROVIDERS, policyKind, type ProviderId, type WorkspacePolicy } from '../../../shared/domain';
import type { ChannelInput } from '../../../shared/contract';
import { invoke, resolveWorkspaceId, usageError, type CliContext } from '../context';
import { printHuman, printJson } from '../output';
import { healthText } from '../health-format';

/** `keydeck health` exits with this when any key needs action, so scripts and CI can gate on it. */
export const NEEDS_ACTION_EXIT = 3;

/** "90" → 90, "none" → null; anything else is a usage error naming the flag. */
function daysOrNone(flag: string, text: string): number | null {
  if (text === 'none') return null;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 3650) throw usageError(`${flag} takes a whole number of days from 1 to 3650, or "none" to remove the rule.`);
  return Number(text);
}

export function registerHealth(program: Command, ctx: CliContext): void {
  program
    .command('health')
    .description(`key hygiene per workspace: expired, leaked, over-policy, expiring, stale, unused and never-expiring keys, each with its fix; exits ${NEEDS_ACTION_EXIT} when any key needs action`)
    .option('--workspace <workspace>', 'only this workspace (name or id)')
    .option('--json', 'machine-readable output (the health.overview answer)')
    .action(async (o: { workspace?: string; json?: boolean }) => {
      const workspaceId = o.workspace ? await resolveWorkspaceId(ctx, o.workspace) : undefined;
      const h = await invoke(ctx, 'health.overview', workspaceId ? { workspaceId } : {}, { workspaceId: '--workspace' });
      if (o.json) printJson(h);
      else printHuman(healthText(h));
      if (h.keysNeedingAction > 0) ctx.exitCode = NEEDS_ACTION_EXIT;
    });

  // `workspace` is registered by commands/workspaces.ts (before this file, see program.ts); the policy is one of its subcommands.
  const ws = program.commands.find((c) => c.name() === 'workspace');
  if (!ws) throw new Error('keydeck: the workspace command must be registered before health');
  ws.command('policy')
    .description("show or set a workspace's lifetime policy; without options, show it")
    .argument('<workspace>', 'workspace name or id')
    .option('--max-days <n>', 'keys may live at most N days (services whose keys expire); "none" removes the rule')
    .option('--no-never-expiring', 'forbid keys that never expire (services whose keys expire)')
    .option('--never-expiring', 'allow keys that never expire again')
    .option('--rotate-every <n>', 'rotate keys at least every N days (services whose keys cannot expire); "none" removes the rule')
    .option('--clear', 'remove every rule')
    .option('--json', 'machine-readable output (the workspace)')
    .action(async (ref: string, o: { maxDays?: string; neverExpiring?: boolean; rotateEvery?: string; clear?: boolean; json?: boolean }) => {
      const current = await invoke(ctx, 'refs.workspace', { ref });
      const kind = policyKind(PROVIDERS[current.provider as ProviderId].expiry);
      const changing = o.clear || o.maxDays !== undefined || o.neverExpiring !== undefined || o.rotateEvery !== undefined;
      let shown = current;
      if (changing) {
        const next: WorkspacePolicy = o.clear
          ? { maxLifetimeDays: null, noNeverExpiring: false, rotateEveryDays: null }
          : {
              maxLifetimeDays: o.maxDays !== undefined ? daysOrNone('--max-days', o.maxDays) : current.policy.maxLifetimeDays,
              noNeverExpiring: o.neverExpiring !== undefined ? !o.neverExpiring : current.policy.noNeverExpiring,
              rotateEveryDays: o.rotateEvery !== undefined ? daysOrNone('--rotate-every', o.rotateEvery) : current.policy.rotateEveryDays,
            };
        shown = await invoke(ctx, 'workspaces.update', { id: current.id, policy: next } as ChannelInput<'workspaces.update'>, {
          'policy.maxLifetimeDays': '--max-days',
          'policy.noNeverExpiring': '--no-never-expiring',
          'policy.rotateEveryDays': '--rotate-every',
        });
      }
      if (o.json) return printJson(shown);
      const hint = kind === 'rotation-age' ? 'keys of this service cannot expire: set --rotate-every N' : 'set --max-days N and/or --no-never-expiring';
      const text = describePolicy(shown.policy, kind);
      printHuman(`Lifetime policy of ${shown.name}: ${text}${text === 'none' ? ` (${hint})` : ''}`);
    });
}
