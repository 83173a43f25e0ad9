import type { Command } from 'commander';
import { PROVIDERS, type ProviderId } from '../../../shared/domain';
import { CliFailure, invoke, resolveKey, revealSecret, usageError, type CliContext } from '../context';
import { printError } from '../output';
import { planEnv, type RefAssignment } from '../run/env';
import { forwardSignals, startChild, stopChild, type ChildEnd } from '../run/child';

interface RunOptions {
  envFile: string[];
  env: string[];
  masking: boolean;
  restartOnRotate?: boolean;
  restartGrace: string;
  workspace?: string;
}

/** One variable the child gets from a key, as resolved now. */
interface Injected {
  variable: string;
  ref: string;
  keyId: string;
  reference: string;
  secret: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerRun(program: Command, ctx: CliContext): void {
  program
    .command('run')
    .description('run a command with secrets in its environment (nowhere else): keydeck run -e KERNEL_API_KEY=keydeck://acme/ci-deploy -- ./deploy.sh')
    .argument('<command...>', 'the command and its arguments, passed as given (no shell); put -- before it')
    .option('-e, --env <VAR=REF>', 'set VAR to the secret REF names (reference, name, handle or id); -e REF alone uses the service\'s variable name (KERNEL_API_KEY…); repeat for several', collect, [])
    .option('--env-file <file>', 'read VAR=value lines (dotenv syntax); keydeck:// values are resolved, others passed through; repeatable', collect, [])
    .option('--workspace <workspace>', 'where a name is ambiguous')
    .option('--no-masking', 'do not mask secrets in the command\'s output when it is not a terminal')
    .option('--restart-on-rotate', 'restart the command with the new secret when one of its keys is rotated')
    .option('--restart-grace <seconds>', 'on restart, how long to wait after SIGTERM before SIGKILL', '10')
    .passThroughOptions()
    .action(async (commandLine: string[], o: RunOptions) => {
      ctx.exitCode = await run(ctx, commandLine, o);
    });
}

async function run(ctx: CliContext, commandLine: string[], o: RunOptions): Promise<number> {
  const [command, ...args] = commandLine;
  if (!command) throw usageError('Name the command to run after --, e.g. keydeck run -e KERNEL_API_KEY=keydeck://acme/ci-deploy -- ./deploy.sh');
  const graceSeconds = Number(o.restartGrace);
  if (!Number.isFinite(graceSeconds) || graceSeconds < 0) throw usageError('--restart-grace takes a number of seconds, e.g. --restart-grace 10.');
  const plan = planEnv(o.envFile, o.env);
  if (plan.refs.length === 0) printError('keydeck: no -e or keydeck:// value in --env-file: the command runs without any secret.');

  // Everything resolves before anything starts: a bad reference never leaves a half-started command.
  let injected = await resolveAll(ctx, plan.refs, o.workspace);
  const watch = o.restartOnRotate === true;
  if (!watch) ctx.close(); // nothing more to read: no database or keychain handle outlives the resolve

  const mask = (secrets: string[]) =>
    o.masking && (!process.stdout.isTTY || !process.stderr.isTTY) ? { secrets, stdout: !process.stdout.isTTY, stderr: !process.stderr.isTTY } : null;
  const seen = new Set(injected.map((i) => i.secret));
  const envFor = (list: Injected[]) => ({ ...process.env, ...plan.plain, ...Object.fromEntries(list.map((i) => [i.variable, i.secret])) });

  let current = startChild({ command, args, env: envFor(injected), mask: mask([...seen]) });
  const stopForwarding = forwardSignals(() => current.child);
  let stopWatching = () => {};
  let restarting: Promise<void> | null = null;
  if (watch) {
    const core = await ctx.core();
    const ended = new Set<string>();
    let pending = false;
    const check = async (): Promise<void> => {
      const next: Injected[] = [];
      let changed = false;
      for (const item of injected) {
        let fresh: { id: string; reference: string };
        try {
          const r = await resolveKey(ctx, item.ref, 'use', o.workspace);
          fresh = { id: r.key.id, reference: r.reference };
          ended.delete(item.ref);
        } catch (e) {
          // Its key ended (revoked, deleted): there is no secret to restart with, and stopping the
          // command would turn a revocation into an outage. Say so once and keep it running.
          if (!ended.has(item.ref)) printError(`keydeck: ${item.ref} no longer resolves; ${item.variable} keeps its current value and the command keeps running.\n  ${e instanceof CliFailure ? e.message : ''}`);
          ended.add(item.ref);
          next.push(item);
          continue;
        }
        if (fresh.id === item.keyId) {
          next.push(item);
          continue;
        }
        const secret = await revealSecret(ctx, fresh.id, 'run');
        next.push({ ...item, keyId: fresh.id, reference: fresh.reference, secret });
        changed = true;
      }
      if (!changed) return;
      const rotated = next.filter((n, i) => n.keyId !== injected[i]!.keyId).map((n) => `${n.variable} (${n.ref} is now ${n.keyId})`);
      injected = next;
      for (const i of injected) seen.add(i.secret);
      printError(`keydeck: ${rotated.join(', ')} rotated; restarting the command.`);
      const old = current;
      await stopChild(old.child, old.ended, graceSeconds * 1000);
      current = startChild({ command, args, env: envFor(injected), mask: mask([...seen]) });
      void watchEnd();
    };
    // One look at a time; changes that arrive meanwhile make one more look afterwards.
    const onChange = () => {
      if (restarting) {
        pending = true;
        return;
      }
      restarting = check()
        .catch((e: unknown) => printError(`keydeck: could not check for a rotation (${e instanceof Error ? e.message : 'unknown error'}); the command keeps running.`))
        .finally(() => {
          restarting = null;
          if (pending) {
            pending = false;
            onChange();
          }
        });
    };
    // Only a key written elsewhere can be a rotation: another command's audit entry is not looked into.
    stopWatching = core.changes.subscribe((c) => {
      if (c.keys) onChange();
    });
    core.changes.start();
  }

  // The command's own end (not one of our restarts) ends keydeck run, with its code.
  let finish!: (end: ChildEnd) => void;
  const finished = new Promise<ChildEnd>((resolve) => (finish = resolve));
  const watchEnd = async () => {
    const mine = current;
    const end = await mine.ended;
    if (restarting) await restarting;
    if (mine === current) finish(end);
  };
  void watchEnd();
  const end = await finished;
  stopWatching();
  stopForwarding();
  if (end.kind === 'failed') printError(`keydeck run: ${end.message}`);
  return end.code;
}

async function resolveAll(ctx: CliContext, refs: RefAssignment[], workspace: string | undefined): Promise<Injected[]> {
  const resolved = [];
  for (const r of refs) {
    try {
      const { key, reference } = await resolveKey(ctx, r.ref, 'use', workspace);
      resolved.push({ r, key, reference });
    } catch (e) {
      if (e instanceof CliFailure) throw new CliFailure(`${e.message}\n  (from ${r.from}; the command was not started)`, e.exitCode, e.error);
      throw e;
    }
  }
  const out: Injected[] = [];
  for (const { r, key, reference } of resolved) {
    const secret = await revealSecret(ctx, key.id, 'run');
    out.push({ variable: r.variable ?? (await defaultVariable(ctx, key)), ref: r.ref, keyId: key.id, reference, secret });
  }
  return out;
}

/** `-e REF` alone: the variable the workspace names ("Other token": GITHUB_TOKEN), else the service's convention. */
async function defaultVariable(ctx: CliContext, key: { provider: ProviderId; workspaceId: string | null }): Promise<string> {
  if (key.workspaceId) {
    const ws = await invoke(ctx, 'refs.workspace', { ref: key.workspaceId });
    if (ws.envVar) return ws.envVar;
  }
  return PROVIDERS[key.provider].envVar;
}
