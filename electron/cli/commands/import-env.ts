import { resolve } from 'node:path';
import type { Router } from '../../core/ipc/router';
import type { EnvImportPreview, EnvImportResult, EnvPlanLine } from '../../../shared/contract/env-import';
import type { Command } from 'commander';
import { resolveWorkspaceId, type CliContext } from '../context';
import { printError, printHuman } from '../output';

export interface ImportEnvIo {
  out(text: string): void;
  err(text: string): void;
}

export interface ImportEnvOptions {
  file: string;
  /** The workspace for new entries (tokens that match no synced key), already resolved to its id. */
  workspaceId?: string;
  rewrite: boolean;
  yes: boolean;
  json: boolean;
}

/** Asks at a terminal; null when there is none to ask at (piped, CI), so the caller can say `--yes`. */
export type Confirm = (question: string) => Promise<boolean | null>;

export const ttyConfirm: Confirm = async (question) => {
  if (!process.stdin.isTTY || !process.stderr.isTTY) return null;
  // Loaded here, not with the CLI: only a question at a terminal needs it.
  const rl = process.getBuiltinModule('node:readline/promises').createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
};

/** `keydeck import-env FILE`: one more command group on the program (program.ts). */
export function registerImportEnv(program: Command, ctx: CliContext): void {
  program
    .command('import-env')
    .description('import every token of a .env file: attach to synced keys or store new ones, record where each is used')
    .argument('<file>', 'the .env file')
    .option('--workspace <workspace>', 'where tokens that match no synced key are stored (name or id)')
    .option('--rewrite', 'replace the values in the file with keydeck:// references')
    .option('-y, --yes', 'apply without asking (needed when there is no terminal to ask at)')
    .option('--json', 'machine-readable preview and result')
    .action(async (file: string, o: { workspace?: string; rewrite?: boolean; yes?: boolean; json?: boolean }) => {
      const io: ImportEnvIo = { out: printHuman, err: printError };
      // Names, references and ids, with ambiguity refused, exactly as every other command resolves them.
      const workspaceId = o.workspace ? await resolveWorkspaceId(ctx, o.workspace) : undefined;
      ctx.exitCode = await runImportEnv(await ctx.router(), io, { file, ...(workspaceId ? { workspaceId } : {}), rewrite: o.rewrite === true, yes: o.yes === true, json: o.json === true });
    });
}

/**
 * `keydeck import-env FILE [--workspace W] [--rewrite] [--yes] [--json]`: shows the preview,
 * asks (or takes `--yes`), applies. Exit codes: 0 done (or nothing to do), 1 refused or a line
 * failed, 2 usage or not confirmed.
 */
export async function runImportEnv(router: Router, io: ImportEnvIo, opts: ImportEnvOptions, confirm: Confirm = ttyConfirm): Promise<number> {
  if (!opts.file) {
    io.err('Which file? keydeck import-env PATH/.env [--workspace NAME] [--rewrite] [--yes]');
    return 2;
  }
  const path = resolve(opts.file);
  const workspaceId = opts.workspaceId;
  const pre = await router.invoke('envImport.preview', { path, ...(workspaceId ? { workspaceId } : {}) });
  if (!pre.ok) return fail(io, opts.json, pre.error);
  const preview = pre.value as EnvImportPreview;
  const todo = preview.lines.filter((l) => l.action !== 'skip');
  if (!opts.json) io.out(previewText(preview, opts.rewrite));
  if (todo.length === 0) {
    if (opts.json) io.out(JSON.stringify({ preview, result: null }, null, 2));
    else io.out('Nothing to import.');
    return 0;
  }
  if (!opts.yes) {
    const answer = await confirm(`Import ${todo.length} token${todo.length === 1 ? '' : 's'}${opts.rewrite ? ` and rewrite ${path}` : ''}?`);
    if (answer === null) {
      io.err('Not at a terminal, so Keydeck cannot ask: run again with --yes to import as previewed.');
      return 2;
    }
    if (!answer) {
      io.err('Nothing was imported.');
      return 2;
    }
  }
  const applied = await router.invoke('envImport.apply', { path, planToken: preview.planToken, rewrite: opts.rewrite });
  if (!applied.ok) return fail(io, opts.json, applied.error);
  const result = applied.value as EnvImportResult;
  if (opts.json) io.out(JSON.stringify({ preview, result }, null, 2));
  else io.out(resultText(result));
  return result.lines.some((l) => l.outcome === 'failed') || result.rewrite.state === 'refused' ? 1 : 0;
}

function fail(io: ImportEnvIo, json: boolean, error: { code: string; message: string }): number {
  io.err(json ? JSON.stringify({ ok: false, error }) : `error [${error.code}]: ${error.message}`);
  return 1;
}

const WILL: Record<EnvPlanLine['action'], (l: EnvPlanLine) => string> = {
  attach: (l) => `attach to "${l.keyName}"${l.workspaceName ? ` in ${l.workspaceName}` : ''}`,
  create: (l) => `create "${l.keyName}"${l.workspaceName ? ` in ${l.workspaceName}` : ' (no workspace)'}`,
  known: (l) => `already stored as "${l.keyName}": record the use`,
  skip: () => 'leave alone',
};
const CHECK: Record<EnvPlanLine['verified'], string> = { valid: '✓ verified', rejected: '✗ rejected', unverified: '– not checked', failed: '? could not check' };

function previewText(p: EnvImportPreview, rewrite: boolean): string {
  const rows = [['LINE', 'VARIABLE', 'TOKEN', 'WILL', 'CHECK'], ...p.lines.map((l) => [String(l.line), l.variable, l.masked ?? '', WILL[l.action](l), l.action === 'skip' && l.verified !== 'rejected' ? '' : CHECK[l.verified]])];
  const notes = p.lines.filter((l) => l.action === 'skip' && l.masked).map((l) => `  line ${l.line} ${l.variable}: ${l.reason}`);
  const refs = rewrite ? p.lines.filter((l) => l.action !== 'skip' && l.reference).map((l) => `  ${l.variable}=${l.reference}`) : [];
  return [`${p.path}`, table(rows), ...(notes.length ? ['', 'Left alone:', ...notes] : []), ...(refs.length ? ['', 'With --rewrite the file will read:', ...refs] : [])].join('\n');
}

function resultText(r: EnvImportResult): string {
  const lines = r.lines.filter((l) => l.outcome !== 'skipped').map((l) => `  ${l.outcome.padEnd(9)} ${l.variable}: ${l.message}`);
  return ['', ...lines, r.rewrite.message].join('\n');
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => `  ${r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd()}`).join('\n');
}
