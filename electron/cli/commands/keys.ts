import type { Command } from 'commander';
import { invoke, resolveKey, resolveWorkspaceId, revealSecret, usageError, type CliContext } from '../context';
import { printError, printHuman, printJson, printSecret } from '../output';
import { keysTable } from '../format';
import type { ChannelInput } from '../../../shared/contract';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** "now", "1h", "24h", "7d", "30d" → seconds; null when unreadable. */
export function graceSeconds(text: string): number | null {
  if (text === 'now') return 0;
  const m = /^(\d+)\s*([hd])$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * (m[2] === 'h' ? 3600 : 86_400);
}

export function registerKeys(program: Command, ctx: CliContext): void {
  program
    .command('keys')
    .description('list keys (never their secrets)')
    .option('--query <text>', 'name, masked form, scope or project')
    .option('--workspace <workspace>', 'workspace name or id')
    .option('--status <status>', 'working, active, expiring, expired, grace, revoked or no_expiry')
    .option('--all', 'also earlier generations of rotated keys and revoked ones (as the window\'s "Show revoked")')
    .option('--json', 'machine-readable output')
    .action(async (o: { query?: string; workspace?: string; status?: string; all?: boolean; json?: boolean }) => {
      const workspaceId = o.workspace ? await resolveWorkspaceId(ctx, o.workspace) : undefined;
      // The present first, as in the window: one row per key, its rotations are its history.
      const present = o.all ? {} : { current: true, hideRevoked: o.status !== 'revoked' };
      const list = await invoke(ctx, 'keys.list', { ...present, ...(o.query ? { query: o.query } : {}), ...(workspaceId ? { workspaceId } : {}), ...(o.status ? { status: o.status } : {}) } as ChannelInput<'keys.list'>, { status: '--status' });
      if (o.json) printJson(list);
      else printHuman(keysTable(list));
    });

  program
    .command('import')
    .description('store a secret you already have (typed at a hidden prompt or piped, never an argument)')
    .requiredOption('--name <name>', "the key's name")
    .requiredOption('--provider <provider>', 'kernel-sh, kernle, asimov-kernel or kinesis')
    .option('--workspace <workspace>', 'workspace name or id')
    .option('--expires <date>', 'e.g. 2027-01-31')
    .option('--scope <scope>', 'repeat for several', collect, [])
    .option('--json', 'machine-readable output')
    .action(async (o: { name: string; provider: string; workspace?: string; expires?: string; scope: string[]; json?: boolean }) => {
      const workspaceId = o.workspace ? await resolveWorkspaceId(ctx, o.workspace) : undefined;
      const secret = await ctx.readSecret(`Paste the secret of "${o.name}"`);
      const key = await invoke(ctx, 'keys.import', {
        name: o.name,
        provider: o.provider as never,
        secret,
        scopes: o.scope,
        ...(workspaceId ? { workspaceId } : {}),
        ...(o.expires ? { expiresAt: o.expires } : {}),
      });
      if (o.json) printJson(key);
      else printHuman(`Imported ${key.id} (${key.masked})`);
    });

  program
    .command('reveal')
    .description('print a key\'s secret (audited); see also "keydeck read"')
    .argument('<key>', 'reference, name, handle or id')
    .option('--workspace <workspace>', 'where a name is ambiguous')
    .option('--json', 'machine-readable output')
    .action(async (ref: string, o: { workspace?: string; json?: boolean }) => {
      const { key } = await resolveKey(ctx, ref, 'manage', o.workspace);
      const v = { id: key.id, secret: await revealSecret(ctx, key.id) };
      if (o.json) printJson(v);
      else printSecret(v.secret, true);
    });

  program
    .command('delete')
    .description('delete the local key and its keychain item (the key stays valid at the service)')
    .argument('<key>', 'reference, name, handle or id')
    .option('--workspace <workspace>', 'where a name is ambiguous')
    .option('--json', 'machine-readable output')
    .action(async (ref: string, o: { workspace?: string; json?: boolean }) => {
      const { key } = await resolveKey(ctx, ref, 'manage', o.workspace);
      const v = await invoke(ctx, 'keys.delete', { id: key.id });
      if (o.json) printJson(v);
      else printHuman(`Deleted ${v.id}`);
    });

  program
    .command('create')
    .description('create a key at the service; prints the new secret once (it is in the keychain already)')
    .requiredOption('--workspace <workspace>', 'workspace name or id')
    .requiredOption('--name <name>', "the key's name")
    .option('--days <n>', 'expires in N days')
    .option('--never', 'never expires')
    .option('--project <id>', 'kernel.sh: a project-scoped key')
    .option('--json', 'machine-readable output')
    .action(async (o: { workspace: string; name: string; days?: string; never?: boolean; project?: string; json?: boolean }) => {
      if (o.days !== undefined && !/^\d+$/.test(o.days)) throw usageError('--days takes a whole number of days, e.g. --days 30 (or --never).');
      const workspaceId = await resolveWorkspaceId(ctx, o.workspace);
      const v = await invoke(ctx, 'keys.create', {
        workspaceId,
        name: o.name,
        ...(o.never ? { expiresInDays: null } : o.days ? { expiresInDays: Number(o.days) } : {}),
        ...(o.project ? { projectId: o.project } : {}),
      });
      if (o.json) printJson(v);
      else printSecret(v.secret, true);
      // A secret the keychain refused is printed above, once; what to do about it goes to stderr.
      if (!o.json && v.warning) printError(`warning: ${v.warning}`);
    });

  program
    .command('rotate')
    .description('one-click rotation; prints the new secret once')
    .argument('<key>', 'reference, name, handle or id')
    .option('--grace <period>', 'how long the old key keeps working: now, 1h, 24h, 7d or Nd')
    .option('--days <n>', "the new key expires in N days (default: the old key's lifetime, within the workspace policy)")
    .option('--never', 'the new key never expires')
    .option('--workspace <workspace>', 'where a name is ambiguous')
    .option('--json', 'machine-readable output')
    .action(async (ref: string, o: { grace?: string; days?: string; never?: boolean; workspace?: string; json?: boolean }) => {
      const seconds = o.grace === undefined ? undefined : graceSeconds(o.grace);
      if (seconds === null) throw usageError('The grace period (--grace) must be now, or a number with h or d (1h, 24h, 7d).');
      if (o.days !== undefined && !/^\d+$/.test(o.days)) throw usageError('--days takes a whole number of days, e.g. --days 30 (or --never).');
      const { key } = await resolveKey(ctx, ref, 'manage', o.workspace);
      const lifetime = o.never ? { expiresInDays: null } : o.days ? { expiresInDays: Number(o.days) } : {};
      const v = await invoke(ctx, 'keys.rotate', { id: key.id, ...(seconds !== undefined ? { graceSeconds: seconds } : {}), ...lifetime });
      if (o.json) printJson(v);
      else if (v.secret) printSecret(v.secret, true);
      else printHuman(`Rotated ${v.newKey.id}; the new token is in the keychain.`);
      if (!o.json && v.warning) printError(`warning: ${v.warning}`);
    });

  program
    .command('revoke')
    .description('revoke a key at the service; prod workspaces need --confirm with the key\'s name')
    .argument('<key>', 'reference, name, handle or id')
    .option('--confirm <name>', "the key's name, typed back (prod workspaces)")
    .option('--workspace <workspace>', 'where a name is ambiguous')
    .option('--json', 'machine-readable output')
    .action(async (ref: string, o: { confirm?: string; workspace?: string; json?: boolean }) => {
      const { key } = await resolveKey(ctx, ref, 'manage', o.workspace);
      const v = await invoke(ctx, 'keys.revoke', { id: key.id, ...(o.confirm !== undefined ? { confirmName: o.confirm } : {}) });
      if (o.json) printJson(v);
      else printHuman(`${v.state === 'revoked' ? 'Revoked' : 'Revoke it in the web app, then confirm'}: ${key.id}`);
    });

  const keyCmd = program.command('key').description("a key's reference and handle");
  keyCmd
    .command('ref')
    .description("print a key's reference (keydeck://workspace/key), which survives rotation")
    .argument('<key>', 'reference, name, handle or id')
    .option('--workspace <workspace>', 'where a name is ambiguous')
    .option('--json', 'machine-readable output')
    .action(async (ref: string, o: { workspace?: string; json?: boolean }) => {
      const { key } = await resolveKey(ctx, ref, 'manage', o.workspace);
      const v = await invoke(ctx, 'keys.reference', { id: key.id });
      if (o.json) printJson(v);
      else printHuman(v.problem ? `${v.reference}\n${v.problem}` : v.reference);
    });
  keyCmd
    .command('handle')
    .description('give a key a handle, unique in its workspace, to use in references where names clash')
    .argument('<key>', 'reference, name, handle or id')
    .argument('[handle]', 'the new handle (letters, digits, . _ -)')
    .option('--clear', 'remove the handle')
    .option('--workspace <workspace>', 'where a name is ambiguous')
    .option('--json', 'machine-readable output')
    .action(async (ref: string, handle: string | undefined, o: { clear?: boolean; workspace?: string; json?: boolean }) => {
      if (!handle && !o.clear) throw usageError('Name the handle (keydeck key handle KEY HANDLE), or remove it with --clear.');
      const { key } = await resolveKey(ctx, ref, 'manage', o.workspace);
      const v = await invoke(ctx, 'keys.setHandle', { id: key.id, handle: o.clear ? null : handle! });
      if (o.json) printJson(v);
      else printHuman(o.clear ? `Handle removed; the reference is ${v.reference}` : `The reference is now ${v.reference}`);
    });
}
