import { basename, join, resolve } from 'node:path';
import { SourceError } from './git';
import type { SourceKind } from './findings-repo';

/** node:fs/promises on first use: the leak finder is composed into every CLI start, which never scans. */
export const fsp = () => process.getBuiltinModule('node:fs/promises');

export interface Source {
  kind: SourceKind;
  path: string;
}

export interface SourceProblem {
  kind: SourceKind;
  path: string;
  error: SourceError;
}

/** Shell history files, relative to the home directory the core was given (tests pass their own). */
export const SHELL_HISTORY_FILES = ['.bash_history', '.zsh_history', '.histfile', '.local/share/fish/fish_history'];

/** Folders that hold dependencies or build output, never the user's own secrets' first copy. */
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', '.venv', '__pycache__', '.cache', '.Trash']);
const MAX_DEPTH = 12;

const isEnvFile = (name: string) => name === '.env' || name.startsWith('.env.') || name.endsWith('.env');

function fsError(e: unknown, path: string): SourceError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new SourceError(`${path} does not exist; remove it from the scan list or restore it`, 'not_found');
  if (code === 'ELOOP') return new SourceError(`${path} is a symbolic link that points back at itself (a loop); fix or remove the link`, 'symlink_loop');
  if (code === 'EACCES' || code === 'EPERM') return new SourceError(`${path} cannot be read with your permissions; give read access or remove it from the scan list`, 'unreadable');
  return new SourceError(`${path} could not be read (${code ?? 'unknown error'})`, 'unreadable');
}

const looksBare = async (dir: string) => {
  try {
    const [head, objects, refs] = await Promise.all([fsp().stat(join(dir, 'HEAD')), fsp().stat(join(dir, 'objects')), fsp().stat(join(dir, 'refs'))]);
    return head.isFile() && objects.isDirectory() && refs.isDirectory();
  } catch {
    return false;
  }
};

/**
 * What to scan under the user's paths: a folder gives every git repository below it (its whole
 * history) and every `.env*` file; a file is scanned as it is. Symbolic links to folders are not
 * followed (no loop can start), links to files are.
 */
export async function discover(paths: string[], shellHome: string | null): Promise<{ sources: Source[]; problems: SourceProblem[] }> {
  const sources: Source[] = [];
  const problems: SourceProblem[] = [];
  const seen = new Set<string>();
  const add = (s: Source) => {
    const k = `${s.kind}\0${s.path}`;
    if (seen.has(k)) return;
    seen.add(k);
    sources.push(s);
  };

  for (const given of paths) {
    const path = resolve(given);
    let st;
    try {
      st = await fsp().stat(path);
    } catch (e) {
      problems.push({ kind: 'file', path, error: fsError(e, path) });
      continue;
    }
    if (st.isFile()) {
      add({ kind: isEnvFile(basename(path)) ? 'env-file' : SHELL_HISTORY_FILES.some((h) => path.endsWith(`/${h}`)) ? 'shell-history' : 'file', path });
      continue;
    }
    if (!st.isDirectory()) {
      problems.push({ kind: 'file', path, error: new SourceError(`${path} is not a regular file or folder (a pipe or device?); it is not read`, 'not_a_file') });
      continue;
    }
    const before = sources.length;
    await walk(path, 0, add, problems);
    if (sources.length === before && !problems.some((p) => p.path.startsWith(path))) {
      problems.push({ kind: 'git', path, error: new SourceError(`${path} holds no git repository and no .env file; choose the folder that contains your repositories`, 'not_a_repository') });
    }
  }

  if (shellHome) {
    for (const rel of SHELL_HISTORY_FILES) {
      const path = join(shellHome, rel);
      try {
        if ((await fsp().stat(path)).isFile()) add({ kind: 'shell-history', path });
      } catch (e) {
        const err = fsError(e, path);
        // A shell the user does not use has no history file: nothing to report.
        if (err.reason !== 'not_found') problems.push({ kind: 'shell-history', path, error: err });
      }
    }
  }
  return { sources, problems };
}

async function walk(dir: string, depth: number, add: (s: Source) => void, problems: SourceProblem[]): Promise<void> {
  if (depth === 0 && (await looksBare(dir))) return add({ kind: 'git', path: dir });
  let entries;
  try {
    entries = await fsp().readdir(dir, { withFileTypes: true });
  } catch (e) {
    problems.push({ kind: 'file', path: dir, error: fsError(e, dir) });
    return;
  }
  if (entries.some((e) => e.name === '.git')) add({ kind: 'git', path: dir });
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      // A bare repository (a mirror, a server's copy) is history only: scanned, not walked into.
      if (e.name !== '.git' && e.name.endsWith('.git') && (await looksBare(p))) add({ kind: 'git', path: p });
      else if (!SKIP_DIRS.has(e.name) && depth < MAX_DEPTH) await walk(p, depth + 1, add, problems);
    } else if (isEnvFile(e.name) && (e.isFile() || e.isSymbolicLink())) {
      if (e.isSymbolicLink()) {
        try {
          if (!(await fsp().stat(p)).isFile()) continue;
        } catch (err) {
          problems.push({ kind: 'env-file', path: p, error: fsError(err, p) });
          continue;
        }
      }
      add({ kind: 'env-file', path: p });
    }
  }
}

export { fsError };
