import type { FoundAt } from './findings-repo';
import { blobSizes, existing, introductions, listBlobs, listTips, pushedCommits, readBlobs } from './git-history';
import type { GitOptions } from './git';
import { hitsIn, isBinary, MAX_FILE_BYTES, type Hit } from './content-scan';
import type { SecretSet } from './secret-set';
import type { RepoState } from './scan-state';
import { emptyReport, type SourceResult } from './file-scan';
import type { Source } from './sources';

export interface RepoScanResult extends SourceResult {
  repo: string;
  state: RepoState;
  pushed: Set<string> | null;
}

/**
 * One repository's history. With a previous state, only objects reachable from the new tips and
 * not from the old ones are read — unless a key was added since (or one was left out last time, a
 * locked keychain), whose search needs the whole history: then everything is read once, for all
 * keys, and the dedupe keeps what was already known. "Covered" is exactly the keys searched.
 */
export async function scanRepo(source: Source, set: SecretSet, previous: RepoState | null, git: GitOptions, hasOpenFindings: boolean): Promise<RepoScanResult> {
  const report = emptyReport(source);
  const repo = source.path;
  const tips = await listTips(repo, git);
  const covered = new Set(previous?.keyIds ?? []);
  const newKeys = set.keyIds.filter((k) => !covered.has(k));
  const oldTips = previous && newKeys.length === 0 ? await existing(repo, git, previous.tips) : [];
  report.incremental = previous !== null && newKeys.length === 0;

  const blobs = await listBlobs(repo, git, tips, oldTips);
  const sizes = await blobSizes(repo, git, blobs);
  const toRead = blobs.filter((b) => {
    if ((sizes.get(b) ?? 0) <= MAX_FILE_BYTES) return true;
    report.skippedLarge++;
    return false;
  });

  const hits = new Map<string, Hit[]>();
  await readBlobs(repo, git, toRead, (id, content) => {
    report.objectsRead++;
    report.bytesRead += content.length;
    if (isBinary(content)) return void report.skippedBinary++;
    const h = hitsIn(content, set);
    if (h.length) hits.set(id, h);
  });

  const found: FoundAt[] = [];
  let pushed: Set<string> | null = null;
  // Also when nothing new matched: a commit found earlier may have been pushed since.
  if (hits.size > 0 || hasOpenFindings) pushed = await pushedCommits(repo, git);
  if (hits.size > 0 && pushed) {
    const intro = await introductions(repo, git, [...hits.keys()], tips, oldTips);
    for (const i of intro) {
      for (const h of hits.get(i.blob) ?? []) {
        found.push({ keyId: h.keyId, sourceKind: 'git', repo, commit: i.commit, path: i.path, line: h.line, encoding: h.encoding, exposed: pushed.has(i.commit) });
      }
    }
  }
  report.findings = found.length;
  return { report, found, repo, state: { tips, keyIds: set.keyIds }, pushed };
}
