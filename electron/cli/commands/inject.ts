import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { CliFailure, resolveKey, revealSecret, usageError, type CliContext } from '../context';
import { printSecret } from '../output';
import { writeSecretFile } from '../run/write-atomic';

/** `{{ keydeck://workspace/key }}`, spaces inside the braces optional. */
const PLACEHOLDER = /\{\{\s*(keydeck:\/\/[^\s{}]+)\s*\}\}/gi;

export function registerInject(program: Command, ctx: CliContext): void {
  program
    .command('inject')
    .description('fill {{ keydeck://workspace/key }} placeholders in a template; the output file is written atomically with mode 0600')
    .requiredOption('-i, --in-file <template>', 'the template')
    .option('-o, --out-file <file>', 'write here instead of stdout')
    .option('-f, --force', 'overwrite the output file if it exists')
    .option('--workspace <workspace>', 'for references that name no workspace')
    .action(async (o: { inFile: string; outFile?: string; force?: boolean; workspace?: string }) => {
      let template: string;
      try {
        template = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(o.inFile));
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw usageError(`-i ${o.inFile}: ${code === 'ENOENT' ? 'no such file' : code ? 'cannot be read' : 'is not UTF-8 text'}.`);
      }
      const out = o.outFile ? resolve(o.outFile) : null;
      if (out && !o.force && existsSync(out)) throw usageError(`${o.outFile} exists already; nothing was written. Add --force to replace it.`);
      // Every placeholder resolves before a byte is written: a bad one leaves no half-filled file.
      const refs = [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
      const secrets = new Map<string, string>();
      for (const ref of refs) {
        const { key } = await resolveKey(ctx, ref, 'use', o.workspace);
        secrets.set(ref, await revealSecret(ctx, key.id, 'inject'));
      }
      const filled = template.replace(PLACEHOLDER, (_, ref: string) => secrets.get(ref)!);
      if (!out) return printSecret(filled, false);
      try {
        writeSecretFile(out, filled, o.force === true);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') throw usageError(`${o.outFile} appeared while Keydeck was writing; nothing was overwritten. Add --force to replace it.`);
        throw new CliFailure(`error: could not write ${o.outFile} (${code ?? 'unknown error'}); nothing was changed.`, 1);
      }
    });
}
