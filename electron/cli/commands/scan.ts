import type { Command } from 'commander';
import { resolve } from 'node:path';
import { invoke, usageError, type CliContext } from '../context';
import { printError, printHuman, printJson } from '../output';
import type { LeakFinding, LeakScanReport } from '../../../shared/contract/leaks';

/** `keydeck scan` exits with this when it found secrets that are not marked resolved (gitleaks uses 1; ours means "refused"). */
export const EXIT_LEAKS_FOUND = 3;

const where = (f: LeakFinding) => (f.repo ? `${f.repo} · ${f.commit ? f.commit.slice(0, 7) : 'not committed'} · ${f.path}:${f.line}` : `${f.path}:${f.line}`);

function humanReport(r: LeakScanReport, findings: LeakFinding[]): string {
  const lines: string[] = [];
  for (const f of findings) lines.push(`LEAK  ${f.id}  ${f.keyName ?? f.keyId}  ${where(f)}${f.encoding === 'raw' ? '' : `  (${f.encoding})`}${f.exposed ? '  [pushed]' : ''}`);
  const objects = r.sources.reduce((n, s) => n + s.objectsRead, 0);
  const mb = r.sources.reduce((n, s) => n + s.bytesRead, 0) / 1e6;
  const skipped = r.sources.reduce((n, s) => n + s.skippedLarge + s.skippedBinary, 0);
  lines.push(`${r.keysSearched} key${r.keysSearched === 1 ? '' : 's'} searched in ${r.sources.filter((s) => !s.problem).length} source(s), ${objects} file(s)/object(s) and ${mb < 0.1 ? '<0.1' : mb.toFixed(1)} MB read, ${skipped} skipped (${r.skipRule}).`);
  lines.push(findings.length ? `${findings.length} open finding(s), ${r.newFindings} new. Rotate each key (keydeck rotate KEY), then mark its findings resolved (keydeck scan --resolve ID…, or the Leaks screen).` : 'No open findings.');
  return lines.join('\n');
}

/** The leak finder from the command line: the same scan and findings as the window's Leaks screen. */
export function registerScan(program: Command, ctx: CliContext): void {
  program
    .command('scan')
    .description(`search for Keydeck's own secrets (exact values and base64/URL/hex forms) in git history, .env files, shell history and files; exit ${EXIT_LEAKS_FOUND} when open findings exist`)
    .argument('[paths...]', 'folders (every git repository and .env file under them) or files; none = the sources set in the Leaks screen plus shell history')
    .option('--json', 'machine-readable output: {report, findings}')
    .option('--resolve <finding...>', 'mark findings resolved (after rotating their key) instead of scanning')
    .action(async (paths: string[], o: { json?: boolean; resolve?: string[] }) => {
      if (o.resolve) {
        if (paths.length) throw usageError('--resolve takes finding ids only: scan and resolve separately.');
        const resolved = [];
        for (const id of o.resolve) resolved.push(await invoke(ctx, 'leaks.resolve', { id }, { id: 'the finding id' }));
        if (o.json) printJson(resolved);
        else printHuman(resolved.map((f) => `Resolved ${f.id} (${f.keyName ?? f.keyId}, ${where(f)})`).join('\n'));
        return;
      }
      const abs = paths.map((p) => resolve(p));
      const report = await invoke(ctx, 'leaks.scan', { ...(abs.length ? { paths: abs } : {}), trigger: 'cli' });
      const all = await invoke(ctx, 'leaks.list', {});
      const scanned = report.sources.map((s) => s.path);
      const findings = abs.length ? all.filter((f) => scanned.some((p) => (f.repo ?? f.path) === p || (f.repo ?? f.path).startsWith(`${p}/`))) : all;
      if (o.json) printJson({ report, findings });
      else {
        for (const k of report.keyProblems) printError(`key "${k.keyName}" not searched: ${k.message}`);
        for (const s of report.sources) if (s.problem) printError(`${s.path}: not scanned — ${s.problem.message}`);
        printHuman(humanReport(report, findings));
      }
      if (report.foundOpen > 0) ctx.exitCode = EXIT_LEAKS_FOUND;
    });
}
