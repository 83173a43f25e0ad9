import type { Router } from '../core/ipc/router';
import type { Result } from '../../shared/result';
import { CHANNELS } from '../../shared/contract/names';
import type { ParsedArgs } from './args';
import { flag, flags } from './args';
import { expiryTable, keysTable, syncLine, workspacesTable } from './format';
import type { ExpiryStatus, KeySummary, Workspace } from '../../shared/domain';
import type { SweepReport, SyncReport } from '../../shared/contract/sync';

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
  keydeck connect WORKSPACE_ID [--project P]           verify a management key (stdin) and sync the key list
  keydeck refresh WORKSPACE_ID | keydeck sweep         re-read one / every connected workspace
  keydeck create --workspace ID --name N [--days N|--never] [--project P]
                                                       prints the new secret once (it is in the keychain already)
  keydeck rotate ID [--grace now|1h|24h|7d|Nd]          one-click rotation; prints the new secret once
  keydeck revoke ID [--confirm NAME]                   prod workspaces need --confirm with the key's name
  keydeck expiring                                     keys by urgency (what the tray shows)
  keydeck attention                                    rotations and keys that need a decision
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
    case 'connect': {
      const secret = (await io.readStdin()).trim();
      return {
        channel: 'workspaces.connect',
        input: { id: sub, secret, ...(flag(a, 'project') ? { projectId: flag(a, 'project') } : {}) },
        render: (v) => syncLine(v as SyncReport),
      };
    }
    case 'refresh':
      return { channel: 'workspaces.refresh', input: { id: sub }, render: (v) => syncLine(v as SyncReport) };
    case 'sweep':
      return { channel: 'workspaces.sweep', input: {}, render: (v) => { const r = v as SweepReport; return `${r.succeeded}/${r.total} workspaces refreshed in ${r.durationMs} ms${r.failed.map((f) => `\n  ${f.workspaceId}: [${f.code}] ${f.message}`).join('')}`; } };
    case 'create':
      return {
        channel: 'keys.create',
        input: {
          workspaceId: flag(a, 'workspace'),
          name: flag(a, 'name'),
          ...(flag(a, 'never') ? { expiresInDays: null } : flag(a, 'days') ? { expiresInDays: Number(flag(a, 'days')) } : {}),
          ...(flag(a, 'project') ? { projectId: flag(a, 'project') } : {}),
        },
        render: (v) => (v as { secret: string }).secret,
      };
    case 'rotate': {
      const grace = flag(a, 'grace');
      const seconds = grace === undefined ? undefined : graceSeconds(grace);
      if (seconds === null) return 'The grace period must be now, or a number with h or d (1h, 24h, 7d).';
      return {
        channel: 'keys.rotate',
        input: { id: sub, ...(seconds !== undefined ? { graceSeconds: seconds } : {}) },
        render: (v) => (v as { secret?: string }).secret ?? `Rotated ${(v as { newKey: { id: string } }).newKey.id}; the new token is in the keychain.`,
      };
    }
    case 'revoke':
      return { channel: 'keys.revoke', input: { id: sub, ...(flag(a, 'confirm') ? { confirmName: flag(a, 'confirm') } : {}) }, render: (v) => `${(v as { state: string }).state === 'revoked' ? 'Revoked' : 'Revoke it in the web app, then confirm'}: ${sub}` };
    case 'expiring':
      return {
        channel: 'expiry.status',
        input: {},
        render: (v) => expiryTable(v as ExpiryStatus),
      };
    case 'attention':
      return {
        channel: 'rotations.attention',
        input: {},
        render: (v) => ((v as Array<{ message: string; kind: string }>).map((i) => `${i.kind.padEnd(20)} ${i.message}`).join('\n') || 'Nothing needs attention.'),
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
  // A secret the keychain refused is printed above, once; what to do about it goes to stderr.
  const warning = (result.value as { warning?: unknown } | null)?.warning;
  if (!json && typeof warning === 'string') io.err(`warning: ${warning}`);
  return 0;
}

/** "now", "1h", "24h", "7d", "30d" → seconds; null when unreadable. */
export function graceSeconds(text: string): number | null {
  if (text === 'now') return 0;
  const m = /^(\d+)\s*([hd])$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * (m[2] === 'h' ? 3600 : 86_400);
}
