import { join } from 'node:path';
import type { FoundAt } from './findings-repo';
import { scanFile } from './file-scan';
import { runGit, SourceError, type GitOptions } from './git';
import type { SecretSet } from './secret-set';
import type { LeakSourceReport } from '../../../shared/contract/leaks';

/**
 * A repository's work tree: what is not in its history yet — tracked files changed since the last
 * commit, and new files git does not ignore. A secret pasted there is one `git add .` away from a
 * commit. Ignored files are left out (build output, dependencies), except `.env*` files, which the
 * folder walk finds on its own. A bare repository has no work tree: nothing to read.
 */
export async function scanWorkTree(repo: string, set: SecretSet, git: GitOptions, report: LeakSourceReport): Promise<FoundAt[]> {
  let out: Buffer;
  try {
    out = await runGit(repo, git, { args: ['ls-files', '-z', '--modified', '--others', '--exclude-standard', '--deduplicate'] });
  } catch (e) {
    // `ls-files` refuses outside a work tree: a bare repository has only its history.
    if (e instanceof SourceError && e.reason === 'git_failed' && /work tree/i.test(e.message)) return [];
    throw e;
  }
  const found: FoundAt[] = [];
  for (const path of out.toString('utf8').split('\0').filter(Boolean)) {
    let file;
    try {
      file = await scanFile({ kind: 'work-tree', path: join(repo, path) }, set);
    } catch {
      // Deleted in the work tree (listed as modified), or unreadable: history still has what was committed.
      continue;
    }
    // objectsRead counts history objects only (what an incremental rescan skips); files are read every time.
    report.bytesRead += file.report.bytesRead;
    report.skippedLarge += file.report.skippedLarge;
    report.skippedBinary += file.report.skippedBinary;
    for (const f of file.found) found.push({ ...f, sourceKind: 'work-tree', repo, commit: '', path });
  }
  return found;
}
