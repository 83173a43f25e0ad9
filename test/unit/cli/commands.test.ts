import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../electron/cli/args';
import { toCall, type Io } from '../../../electron/cli/commands';

const io = (stdin = ''): Io => ({ readStdin: async () => stdin, out: () => {}, err: () => {} });

describe('CLI argument parsing', () => {
  it('reads flags in both forms and collects repeats', () => {
    const a = parseArgs(['import', '--name', 'ci', '--scope=read', '--scope', 'write', '--json']);
    expect(a.positionals).toEqual(['import']);
    expect(a.flags.get('name')).toEqual(['ci']);
    expect(a.flags.get('scope')).toEqual(['read', 'write']);
    expect(a.flags.get('json')).toEqual(['true']);
  });
});

describe('CLI commands map to contract calls', () => {
  it('import reads the secret from stdin, never from arguments', async () => {
    const call = await toCall(parseArgs(['import', '--name', 'ci', '--provider', 'kernle', '--scope', 'a']), io('sk-from-stdin\n'));
    expect(call).toMatchObject({ channel: 'keys.import', input: { name: 'ci', provider: 'kernle', secret: 'sk-from-stdin', scopes: ['a'] } });
  });

  it('keys with filters', async () => {
    expect(await toCall(parseArgs(['keys', '--query', 'deploy', '--workspace', 'w_1']), io())).toMatchObject({ channel: 'keys.list', input: { query: 'deploy', workspaceId: 'w_1' } });
  });

  it('call passes any channel with JSON from an argument or stdin', async () => {
    expect(await toCall(parseArgs(['call', 'keys.get', '{"id":"k_1"}']), io())).toMatchObject({ channel: 'keys.get', input: { id: 'k_1' } });
    expect(await toCall(parseArgs(['call', 'keys.get', '-']), io('{"id":"k_2"}'))).toMatchObject({ input: { id: 'k_2' } });
    expect(await toCall(parseArgs(['call', 'keys.get', '{oops']), io())).toBe('The input is not valid JSON.');
  });

  it('unknown commands print usage', async () => {
    expect(await toCall(parseArgs(['frobnicate']), io())).toMatch(/^keydeck — /);
  });
});

import { graceSeconds } from '../../../electron/cli/commands';

describe('CLI rotation commands', () => {
  it('reads grace periods as a person writes them', () => {
    expect(graceSeconds('now')).toBe(0);
    expect(graceSeconds('1h')).toBe(3600);
    expect(graceSeconds('24h')).toBe(86_400);
    expect(graceSeconds('7d')).toBe(7 * 86_400);
    expect(graceSeconds('soon')).toBeNull();
  });

  it('rotate and create map to their channels; an unreadable grace is a usage error', async () => {
    expect(await toCall(parseArgs(['rotate', 'k_1', '--grace', '1h']), io())).toMatchObject({ channel: 'keys.rotate', input: { id: 'k_1', graceSeconds: 3600 } });
    expect(await toCall(parseArgs(['rotate', 'k_1', '--grace', 'later']), io())).toMatch(/grace period/);
    expect(await toCall(parseArgs(['create', '--workspace', 'w_1', '--name', 'ci', '--never']), io())).toMatchObject({ channel: 'keys.create', input: { workspaceId: 'w_1', name: 'ci', expiresInDays: null } });
    expect(await toCall(parseArgs(['connect', 'w_1']), io('sk_admin\n'))).toMatchObject({ channel: 'workspaces.connect', input: { id: 'w_1', secret: 'sk_admin' } });
  });
});
