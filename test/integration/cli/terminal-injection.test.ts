import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientFor, makeTestCore, must, type TestCore } from '../../helpers/test-core';
import { cliEnv, runCli } from '../../helpers/cli';
import { safeForTerminal } from '../../../electron/cli/terminal-safe';

/** Bytes a terminal acts on: C0 but newline, DEL, C1, and the bidi/zero-width family. */
const ACTIVE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/;

const HOSTILE_NAMES = [
  'clip\u001b]52;c;ZWNobyBwd25lZA==\u0007board', // OSC 52: writes the clipboard
  'title\u001b]0;you have been pwned\u0007', // window title
  'link\u001b]8;;https://evil.example/\u001b\\click\u001b]8;;\u001b\\', // hidden hyperlink
  'prod-key\rstaging-key', // CR overwrite
  'invoice\u202egpj.exe', // right-to-left override
  'c1\u009b31mred', // C1 CSI
];

describe('finding 5: terminal injection from service and user data', () => {
  let core: TestCore;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    core = makeTestCore();
    env = cliEnv(core.dataDir, core.service);
  });
  afterEach(() => core.cleanup());

  it('finding 5: `keydeck keys` prints hostile key names escaped, with no byte a terminal acts on', async () => {
    const api = clientFor(core.router);
    for (const [i, name] of HOSTILE_NAMES.entries()) await must(api.invoke('keys.import', { name, provider: 'kernle', secret: `sk-hostile-name-00000${i}` }));
    const r = await runCli(['keys'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(ACTIVE);
    expect(r.stdout).toContain('clip\\x1b]52;c;');
    expect(r.stdout).toContain('prod-key\\x0dstaging-key');
    expect(r.stdout).toContain('invoice\\u202egpj.exe');
    expect(r.stdout).toContain('c1\\x9b31mred');
    // One row per key: a CR or newline in a name cannot forge a line.
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(HOSTILE_NAMES.length + 1);
  });

  it('finding 5: `--json` output stays exact', async () => {
    await must(clientFor(core.router).invoke('keys.import', { name: HOSTILE_NAMES[4]!, provider: 'kernle', secret: 'sk-hostile-name-json01' }));
    const r = await runCli(['keys', '--json'], { env });
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as Array<{ name: string }>)[0]!.name).toBe(HOSTILE_NAMES[4]);
  });

  it('finding 5: error text reaching stderr is escaped', async () => {
    const key = await must(clientFor(core.router).invoke('keys.import', { name: 'k', provider: 'kernle', secret: 'sk-hostile-name-err001' }));
    const filePath = '/tmp/\u001b[31mred\u001b[0m\u202e.env';
    const input = JSON.stringify({ keyId: key.id, envVar: 'API_KEY', filePath });
    expect((await runCli(['call', 'usages.add', input], { env })).code).toBe(0);
    const r = await runCli(['call', 'usages.add', input], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error \[conflict\]/);
    expect(r.stderr).not.toMatch(ACTIVE);
    expect(r.stderr).toContain('\\x1b[31mred\\x1b[0m\\u202e.env');
  });

  it('finding 5: a pasted secret holding escapes is refused before anything prints it', async () => {
    const r = await runCli(['import', '--name', 'x', '--provider', 'kernle'], { env, stdin: 'sk-\u001b]52;c;aGk=\u0007-0000001\n' });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/control character \(U\+001B\) at position 4/);
    expect(r.stderr).not.toMatch(ACTIVE);
  });
});

describe('safeForTerminal', () => {
  it('escapes C0, DEL, C1, bidi, zero-width and lone surrogates; leaves ordinary text and emoji alone', () => {
    expect(safeForTerminal('a\u001bb\u007fc\u0085d\u202ee\u2066f\u200bg\ud800h')).toBe('a\\x1bb\\x7fc\\x85d\\u202ee\\u2066f\\u200bg\\ud800h');
    expect(safeForTerminal('Zoë 🔑 key_01 /home/a b')).toBe('Zoë 🔑 key_01 /home/a b');
  });
});
