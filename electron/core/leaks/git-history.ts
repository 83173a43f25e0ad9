import { runGit, SourceError, type GitOptions } from './git';

/**
 * Reading a repository's whole history through the system git: every ref (branches, tags,
 * remote-tracking refs, the stash) and every reflog entry (older stashes with their index and
 * untracked parents, commits left behind by a reset), each object read once.
 */

const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/** The commits the history hangs from today. Empty for a repository without commits. */
export async function listTips(repo: string, opts: GitOptions): Promise<string[]> {
  const out = await runGit(repo, opts, { args: ['rev-list', '--no-walk', '--all', '--reflog'] });
  return [...new Set(out.toString('latin1').split('\n').filter((l) => SHA.test(l)))].sort();
}

/** Of `ids`, the ones this repository still has (history rewritten or gc'd since: the rest are gone). */
export async function existing(repo: string, opts: GitOptions, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const out = await runGit(repo, opts, { args: ['cat-file', '--batch-check=%(objectname) %(objecttype)'], input: ids.join('\n') + '\n' });
  return out.toString('latin1').split('\n').filter((l) => / commit$/.test(l)).map((l) => l.slice(0, l.indexOf(' ')));
}

/** Tips and excluded tips as `rev-list --stdin` lines (`^id`: git before 2.42 takes no --not there). */
const revs = (tips: string[], seen: string[]) => [...tips, ...seen.map((s) => `^${s}`)].join('\n') + '\n';

/** Blob ids reachable from `tips` and not from `seen` (the tips of the previous scan). */
export async function listBlobs(repo: string, opts: GitOptions, tips: string[], seen: string[]): Promise<string[]> {
  if (tips.length === 0) return [];
  const input = revs(tips, seen);
  const out = await runGit(repo, opts, { args: ['rev-list', '--objects', '--filter=object:type=blob', '--stdin'], input });
  const blobs: string[] = [];
  // Commits print as a bare id; blobs as "id path" (the filter drops trees).
  for (const line of out.toString('latin1').split('\n')) if (line.length > 40 && line[40] === ' ') blobs.push(line.slice(0, 40));
  return blobs;
}

/** Each blob's size, to apply the size rule before reading any content. */
export async function blobSizes(repo: string, opts: GitOptions, ids: string[]): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  if (ids.length === 0) return sizes;
  const out = await runGit(repo, opts, { args: ['cat-file', '--batch-check=%(objectname) %(objectsize)'], input: ids.join('\n') + '\n' });
  for (const line of out.toString('latin1').split('\n')) {
    const [id, size] = line.split(' ');
    if (id && size && /^\d+$/.test(size)) sizes.set(id, Number(size));
    else if (line.endsWith(' missing')) throw new SourceError(`object ${line.slice(0, 12)} is missing; run \`git fsck\` there`, 'corrupt');
  }
  return sizes;
}

/**
 * Streams `git cat-file --batch` and hands each blob's content to `onBlob` whole (a view into
 * the pipe's chunk where it fits, a copy only when it spans chunks).
 */
export function readBlobs(repo: string, opts: GitOptions, ids: string[], onBlob: (id: string, content: Buffer) => void): Promise<void> {
  if (ids.length === 0) return Promise.resolve();
  let pending: Buffer | null = null; // an unfinished header line
  let body: { id: string; buf: Buffer; filled: number } | null = null;
  let skipNewline = false;
  const onStdout = (chunk: Buffer) => {
    let at = 0;
    while (at < chunk.length) {
      if (skipNewline) {
        skipNewline = false;
        at++;
        continue;
      }
      if (body) {
        const take = Math.min(body.buf.length - body.filled, chunk.length - at);
        chunk.copy(body.buf, body.filled, at, at + take);
        body.filled += take;
        at += take;
        if (body.filled === body.buf.length) {
          onBlob(body.id, body.buf);
          body = null;
          skipNewline = true;
        }
        continue;
      }
      const nl = chunk.indexOf(10, at);
      if (nl === -1) {
        pending = pending ? Buffer.concat([pending, chunk.subarray(at)]) : Buffer.from(chunk.subarray(at));
        return;
      }
      const header = (pending ? Buffer.concat([pending, chunk.subarray(at, nl)]) : chunk.subarray(at, nl)).toString('latin1');
      pending = null;
      at = nl + 1;
      const [id, type, sizeText] = header.split(' ');
      if (type === 'missing' || !id || !sizeText) throw new SourceError(`object ${header.slice(0, 12)} could not be read; run \`git fsck\` there`, 'corrupt');
      const size = Number(sizeText);
      if (at + size <= chunk.length) {
        onBlob(id, chunk.subarray(at, at + size));
        at += size;
        skipNewline = true;
      } else {
        body = { id, buf: Buffer.allocUnsafe(size), filled: 0 };
      }
    }
  };
  return runGit(repo, opts, { args: ['cat-file', '--batch'], input: ids.join('\n') + '\n', onStdout }).then(() => {
    if (body) throw new SourceError('git stopped in the middle of an object; run `git fsck` there', 'corrupt');
  });
}

export interface Introduction {
  blob: string;
  commit: string;
  path: string;
}

/**
 * The commits that bring each blob in, with its path there. Merges count only where they differ
 * from every parent (dense combined diff), so a stash's work-tree commit is found but an ordinary
 * merge does not repeat what its branch already brought.
 */
export async function introductions(repo: string, opts: GitOptions, blobs: string[], tips: string[], seen: string[]): Promise<Introduction[]> {
  if (blobs.length === 0 || tips.length === 0) return [];
  const input = revs(tips, seen);
  const args = ['-c', 'core.quotePath=false', 'log', '--stdin', '--diff-merges=dense-combined', '--raw', '--no-abbrev', '--no-renames', '--format=@%H', ...blobs.map((b) => `--find-object=${b}`)];
  const out = await runGit(repo, opts, { args, input });
  const wanted = new Set(blobs);
  const found: Introduction[] = [];
  let commit = '';
  for (const line of out.toString('utf8').split('\n')) {
    if (line.startsWith('@')) commit = line.slice(1);
    else if (line.startsWith(':')) {
      const tab = line.indexOf('\t');
      const meta = line.slice(0, tab).split(' ');
      const parents = line.match(/^:+/)![0].length;
      const result = meta[2 * (parents + 1) - 1];
      if (result && wanted.has(result)) found.push({ blob: result, commit, path: unquote(line.slice(tab + 1)) });
    }
  }
  return found;
}

/** Commits on a remote-tracking ref: a finding there has left this machine. */
export async function pushedCommits(repo: string, opts: GitOptions): Promise<Set<string>> {
  const out = await runGit(repo, opts, { args: ['rev-list', '--remotes'] });
  return new Set(out.toString('latin1').split('\n').filter(Boolean));
}

/** git's C-style quoting of unusual paths. */
function unquote(p: string): string {
  if (!p.startsWith('"')) return p;
  const bytes: number[] = [];
  const s = p.slice(1, -1);
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '\\') {
      bytes.push(...Buffer.from(s[i]!, 'utf8'));
      continue;
    }
    const c = s[++i]!;
    if (/[0-7]/.test(c)) {
      bytes.push(parseInt(s.slice(i, i + 3), 8));
      i += 2;
    } else bytes.push(({ n: 10, t: 9, r: 13, '"': 34, '\\': 92, a: 7, b: 8, f: 12, v: 11 } as Record<string, number>)[c] ?? c.charCodeAt(0));
  }
  return Buffer.from(bytes).toString('utf8');
}
