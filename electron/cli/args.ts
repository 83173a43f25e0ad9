/** A tiny parser: `--flag value`, `--flag=value`, repeated flags collect, `--bool` alone is true. */
export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string[]>;
}

export function parseArgs(argv: string[]): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) {
      positionals.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    let value = eq > 0 ? a.slice(eq + 1) : 'true';
    if (eq < 0 && i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) value = argv[++i]!;
    flags.set(name, [...(flags.get(name) ?? []), value]);
  }
  return { positionals, flags };
}

export const flag = (a: ParsedArgs, name: string): string | undefined => a.flags.get(name)?.at(-1);
export const flags = (a: ParsedArgs, name: string): string[] => a.flags.get(name) ?? [];
