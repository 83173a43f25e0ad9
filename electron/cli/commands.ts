import type { Router } from '../core/ipc/router';
import type { Result } from '../../shared/result';
import { CHANNELS } from '../../shared/contract/names';
import type { ParsedArgs } from './args';
import { flag, flags } from './args';
import { keysTable, workspacesTable } from './format';
import type { KeySummary, Workspace } from '../../shared/domain';

export interface Io {
  readStdin(): Promise<string>;
  out(text: string): void;
  err(text: string): void;
}

export const USAGE = `keydeck — API keys in your OS keychain

  keydeck workspaces                                   list workspaces
  keydeck workspace add --name N --provider P --env dev|staging|prod [--base-url URL]
  keydeck keys [--query Q] [--workspace ID]            list keys (never their secrets)
  keydeck import --name N --provider P [--workspace ID] [--expires 2027-01-31] [--scope S]...
                                                       reads the secret from stdin (never from arguments)
  keydeck reveal ID                                    prints the secret (audited)
  keydeck delete ID                                    deletes the local key and its keychain item
  keydeck audit [--key ID]                             recent audit events
  keydeck call CHANNEL [JSON|-]                        any contract channel; '-' reads JSON from stdin
Options: --json for machine-readable output. Providers: kernel-sh, kernle, asimov-kernel, kinesis.`;

type Call = { channel: string; input: unknown; render?: (value: unknown) => string };

/** Turns argv into one contract call: the CLI adds no behaviour of its own. */
export async function toCall(a: ParsedArgs, io: Io): Promise<Call | string> {
  const [cmd, sub, arg] = a.positionals;
  switch (cmd) {
    case 'workspaces':
      return { channel: 'workspaces.list', input: {}, render: (v) => workspacesTable(v as Workspace[]) };
    case 'workspace':
      if (sub !== 'add') return USAGE;
      return {
        channel: 'workspaces.add',
        input: { name: flag(a, 'name'), provider: flag(a, 'provider'), environment: flag(a, 'env'), ...(flag(a, 'base-url') ? { baseUrl: flag(a, 'base-url') } : {}) },
        render: (v) => `Added workspace ${(v as Workspace).id}`,
      };
    case 'keys':
      return {
        channel: 'keys.list',
        input: { ...(flag(a, 'query') ? { query: flag(a, 'query') } : {}), ...(flag(a, 'workspace') ? { workspaceId: flag(a, 'workspace') } : {}) },
        render: (v) => keysTable(v as KeySummary[]),
      };
    case 'import': {
      const secret = (await io.readStdin()).trim();
      return {
        channel: 'keys.import',
        input: {
          name: flag(a, 'name'),
          provider: flag(a, 'provider'),
          secret,
          scopes: flags(a, 'scope'),
          ...(flag(a, 'workspace') ? { workspaceId: flag(a, 'workspace') } : {}),
          ...(flag(a, 'expires') ? { expiresAt: flag(a, 'expires') } : {}),
        },
        render: (v) => `Imported ${(v as KeySummary).id} (${(v as KeySummary).masked})`,
      };
    }
    case 'reveal':
      return { channel: 'keys.reveal', input: { id: sub }, render: (v) => (v as { secret: string }).secret };
    case 'delete':
      return { channel: 'keys.delete', input: { id: sub }, render: (v) => `Deleted ${(v as { id: string }).id}` };
    case 'audit':
      return {
        channel: 'audit.list',
        input: flag(a, 'key') ? { keyId: flag(a, 'key') } : {},
        render: (v) => (v as Array<{ at: string; kind: string; summary: string }>).map((e) => `${e.at}  ${e.kind.padEnd(17)} ${e.summary}`).join('\n'),
      };
    case 'call': {
      if (!sub) return `${USAGE}\n\nChannels: ${CHANNELS.join(', ')}`;
      const text = arg === '-' ? await io.readStdin() : (arg ?? '{}');
      try {
        return { channel: sub, input: JSON.parse(text) };
      } catch {
        return 'The input is not valid JSON.';
      }
    }
    default:
      return USAGE;
  }
}

/** Exit codes: 0 done, 1 the core refused (code on stderr), 2 usage. */
export async function runCli(argv: ParsedArgs, router: Router, io: Io): Promise<number> {
  const call = await toCall(argv, io);
  if (typeof call === 'string') {
    io.err(call);
    return 2;
  }
  const result: Result<unknown> = await router.invoke(call.channel, call.input);
  const json = flag(argv, 'json') === 'true';
  if (!result.ok) {
    io.err(json ? JSON.stringify(result) : `error [${result.error.code}]: ${result.error.message}`);
    return 1;
  }
  io.out(json || !call.render ? JSON.stringify(result.value, null, 2) : call.render(result.value));
  return 0;
}
