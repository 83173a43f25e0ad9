import { describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import { buildProgram, COMMAND_GROUPS } from '../../../electron/cli/program';
import type { CliContext } from '../../../electron/cli/context';

const ctx = { core: async () => ({}), router: async () => ({}), readSecret: async () => '', readStdin: async () => '', close: () => {} } as unknown as CliContext;

/** A command as a user meets it: its name, aliases, arguments, options and subcommands, all the way down. */
const shape = (c: Command): unknown => ({
  name: c.name(),
  aliases: c.aliases(),
  description: c.description(),
  args: c.registeredArguments.map((a) => [a.name(), a.required, a.variadic]),
  options: c.options.map((o) => [o.flags, o.description, o.defaultValue]),
  commands: c.commands.map(shape),
});

describe('the CLI builds only the command asked for', () => {
  const full = buildProgram(ctx);
  const top = full.commands.map((c) => c.name());

  it('every top-level command is listed under the group that makes it, and nothing else is listed', () => {
    const listed = new Set(COMMAND_GROUPS.flatMap(([, names]) => names));
    expect([...listed].sort()).toEqual([...top].filter((n) => n !== 'help').sort());
  });

  it.each(top.filter((n) => n !== 'help'))('`keydeck %s …` gets the same command as the full program', (name) => {
    const narrow = buildProgram(ctx, [name, '--json']);
    const built = narrow.commands.find((c) => c.name() === name);
    expect(built, `${name} missing from its narrowed program`).toBeDefined();
    expect(shape(built!)).toEqual(shape(full.commands.find((c) => c.name() === name)!));
    expect(narrow.commands.length).toBeLessThan(full.commands.length);
  });

  it('help, an option first, no command or an unknown word get every command (help lists them all, a typo gets a suggestion)', () => {
    for (const argv of [[], ['help'], ['--help'], ['raed'], ['keydeck://-/x']]) expect(buildProgram(ctx, argv).commands.map((c) => c.name())).toEqual(top);
  });
});
