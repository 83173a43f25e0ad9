import { describe, expect, it } from 'vitest';
import { runProgram } from '../../../electron/cli/program';
import { graceSeconds } from '../../../electron/cli/commands/keys';
import type { CliContext } from '../../../electron/cli/context';
import { setSinks } from '../../../electron/cli/output';
import type { Router } from '../../../electron/core/ipc/router';
import type { Result } from '../../../shared/result';
import type { Core } from '../../../electron/core/create-core';
import { AppError } from '../../../electron/core/errors';

interface Seen {
  calls: Array<{ channel: string; input: Record<string, unknown> }>;
  out: string;
  err: string;
  code: number;
}

/** Runs argv against a router that records calls: ids resolve to themselves, names to "k_<name>". */
async function cli(argv: string[], opts: { stdin?: string; answer?: (channel: string, input: Record<string, unknown>) => Result<unknown> } = {}): Promise<Seen> {
  const seen: Seen = { calls: [], out: '', err: '', code: -1 };
  const answer = (channel: string, i: Record<string, unknown>): Result<unknown> => {
    seen.calls.push({ channel, input: i });
    const custom = opts.answer?.(channel, i);
    if (custom) return custom;
    if (channel === 'refs.resolve') {
      const ref = String(i.ref);
      const id = ref.startsWith('k_') ? ref : `k_${ref.replace(/\W/g, '')}`;
      return { ok: true, value: { key: { id, name: ref, provider: 'kernle' }, reference: `keydeck://-/${ref}` } };
    }
    if (channel === 'refs.workspace') return { ok: true, value: { id: String(i.ref).startsWith('w_') ? i.ref : `w_${String(i.ref)}` } };
    return { ok: true, value: {} };
  };
  const router: Router = { invoke: async (channel, input) => answer(String(channel), input as Record<string, unknown>) };
  // The everyday path calls the services directly (context.ts `direct`): they answer from the same fake, as its channels.
  const viaRouter = (channel: string, input: Record<string, unknown>) => {
    const r = answer(channel, input);
    if (!r.ok) throw new AppError(r.error.code, r.error.message, { ...(r.error.fields ? { fields: r.error.fields } : {}) });
    return r.value as Record<string, unknown>;
  };
  const services = {
    refs: {
      resolveKey: (ref: string, o: { purpose: string; workspace?: string }) => {
        const v = viaRouter('refs.resolve', { ref, purpose: o.purpose, ...(o.workspace ? { workspace: o.workspace } : {}) });
        return { row: v.key, reference: v.reference };
      },
      summary: (row: unknown) => row,
    },
    keys: { reveal: async (id: string, via?: string) => viaRouter('keys.reveal', { id, ...(via ? { purpose: via } : {}) }) },
  };
  const core = { services } as unknown as Core;
  const ctx: CliContext = { router: async () => router, core: async () => core, readSecret: async () => (opts.stdin ?? '').trim(), readStdin: async () => opts.stdin ?? '', close: () => {} };
  const prev = setSinks({ out: (t) => (seen.out += t), err: (t) => (seen.err += t) });
  try {
    seen.code = await runProgram(argv, ctx);
  } finally {
    setSinks(prev);
  }
  return seen;
}

const contractCalls = (s: Seen) => s.calls.filter((c) => !c.channel.startsWith('refs.'));

describe('CLI commands map to contract calls', () => {
  it('import reads the secret from stdin, never from arguments, and collects repeated flags', async () => {
    const s = await cli(['import', '--name', 'ci', '--provider', 'kernle', '--scope=read', '--scope', 'write', '--json'], { stdin: 'sk-from-stdin\n' });
    expect(contractCalls(s)).toEqual([{ channel: 'keys.import', input: { name: 'ci', provider: 'kernle', secret: 'sk-from-stdin', scopes: ['read', 'write'] } }]);
  });

  it('keys with filters; a workspace given by name is resolved to its id', async () => {
    const s = await cli(['keys', '--query', 'deploy', '--workspace', 'w_1']);
    // The present first, as in the window: current generations, revoked ones hidden.
    expect(contractCalls(s)).toEqual([{ channel: 'keys.list', input: { current: true, hideRevoked: true, query: 'deploy', workspaceId: 'w_1' } }]);
    const byName = await cli(['keys', '--workspace', 'Acme']);
    expect(byName.calls[0]).toEqual({ channel: 'refs.workspace', input: { ref: 'Acme' } });
    expect(contractCalls(byName)[0]!.input).toEqual({ current: true, hideRevoked: true, workspaceId: 'w_Acme' });
    expect(contractCalls(await cli(['keys', '--all']))[0]!.input).toEqual({});
    expect(contractCalls(await cli(['keys', '--status', 'working']))[0]!.input).toEqual({ current: true, hideRevoked: true, status: 'working' });
    expect(contractCalls(await cli(['keys', '--status', 'revoked']))[0]!.input).toEqual({ current: true, hideRevoked: false, status: 'revoked' });
  });

  it('call passes any channel with JSON from an argument or stdin', async () => {
    expect(contractCalls(await cli(['call', 'keys.get', '{"id":"k_1"}']))).toEqual([{ channel: 'keys.get', input: { id: 'k_1' } }]);
    expect(contractCalls(await cli(['call', 'keys.get', '-'], { stdin: '{"id":"k_2"}' }))[0]!.input).toEqual({ id: 'k_2' });
    const bad = await cli(['call', 'keys.get', '{oops']);
    expect(bad).toMatchObject({ code: 2, err: 'The input is not valid JSON.\n' });
    expect(bad.calls).toEqual([]);
  });

  it('an unknown command names the word it did not understand, suggests the closest, and exits 2', async () => {
    const s = await cli(['frobnicate']);
    expect(s.code).toBe(2);
    expect(s.err).toMatch(/unknown command 'frobnicate'/);
    const typo = await cli(['reed', 'x']);
    expect(typo.err).toMatch(/unknown command 'reed'[\s\S]*Did you mean read\?/);
    expect(s.calls).toEqual([]);
  });

  it('--help and help COMMAND print to stdout and exit 0; no arguments is a usage error on stderr', async () => {
    const help = await cli(['--help']);
    expect(help).toMatchObject({ code: 0, err: '' });
    expect(help.out).toMatch(/^Usage: keydeck/);
    const runHelp = await cli(['help', 'run']);
    expect(runHelp).toMatchObject({ code: 0, err: '' });
    expect(runHelp.out).toMatch(/^Usage: keydeck run .*<command\.\.\.>/);
    expect((await cli(['run', '--help'])).out).toBe(runHelp.out);
    const none = await cli([]);
    expect(none).toMatchObject({ code: 2, out: '' });
    expect(none.err).toMatch(/^Usage: keydeck/);
  });

  it('errors name the flag to use, never the contract\'s field names', async () => {
    const s = await cli(['revoke', 'k_1'], {
      answer: (channel) => (channel === 'keys.revoke' ? { ok: false, error: { code: 'invalid_input', message: 'Revoking "ci" in Acme (prod) cannot be undone: type the key\'s name to confirm.', fields: { confirmName: 'must be "ci"' } } } : undefined) as Result<unknown>,
    });
    expect(s.code).toBe(1);
    expect(s.err).toContain('--confirm must be "ci"');
    expect(s.err).not.toContain('confirmName');
    const generated = await cli(['create', '--workspace', 'w_1', '--name', 'x'], {
      answer: (channel) => (channel === 'keys.create' ? { ok: false, error: { code: 'invalid_input', message: 'Invalid keys.create request: workspaceId is required.', fields: { workspaceId: 'is required', expiresInDays: 'must be at least 1 day' } } } : undefined) as Result<unknown>,
    });
    expect(generated.err).toBe('error [invalid_input]: --workspace is required; --days must be at least 1 day.\n');
  });
});

describe('CLI rotation commands', () => {
  it('reads grace periods as a person writes them', () => {
    expect(graceSeconds('now')).toBe(0);
    expect(graceSeconds('1h')).toBe(3600);
    expect(graceSeconds('24h')).toBe(86_400);
    expect(graceSeconds('7d')).toBe(7 * 86_400);
    expect(graceSeconds('soon')).toBeNull();
  });

  it('rotate and create map to their channels; an unreadable grace is a usage error', async () => {
    expect(contractCalls(await cli(['rotate', 'k_1', '--grace', '1h']))).toEqual([{ channel: 'keys.rotate', input: { id: 'k_1', graceSeconds: 3600 } }]);
    const later = await cli(['rotate', 'k_1', '--grace', 'later']);
    expect(later.code).toBe(2);
    expect(later.err).toMatch(/grace period \(--grace\)/);
    expect(contractCalls(await cli(['create', '--workspace', 'w_1', '--name', 'ci', '--never']))).toEqual([{ channel: 'keys.create', input: { workspaceId: 'w_1', name: 'ci', expiresInDays: null } }]);
    expect(contractCalls(await cli(['connect', 'w_1'], { stdin: 'sk_admin\n' }))).toEqual([{ channel: 'workspaces.connect', input: { id: 'w_1', secret: 'sk_admin' } }]);
  });

  it('a key given by name or reference is resolved first, then acted on by id', async () => {
    const s = await cli(['rotate', 'keydeck://acme/ci-deploy']);
    expect(s.calls.map((c) => c.channel)).toEqual(['refs.resolve', 'keys.rotate']);
    expect(s.calls[0]!.input).toEqual({ ref: 'keydeck://acme/ci-deploy', purpose: 'manage' });
    expect(s.calls[1]!.input).toEqual({ id: 'k_keydeckacmecideploy' });
  });
});
