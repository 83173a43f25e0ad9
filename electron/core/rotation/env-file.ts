import { isReference } from '../../../shared/domain/reference';
import { randomBytes } from '../crypto';
import { chmodSync, closeSync, constants, fstatSync, fsyncSync, lstatSync, openSync, readFileSync, realpathSync, renameSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { secretProblem } from '../../../shared/domain';

export type EnvOutcome = 'updated' | 'stale' | 'missing' | 'failed' | 'skipped';
export interface EnvRewrite {
  outcome: EnvOutcome;
  message: string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, forever, at every start.
const OPEN_READ = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

type Snapshot = { text: string; stat: Stats };
type Read = { ok: true; snap: Snapshot } | { ok: false; result: EnvRewrite };

/** Reads a `.env` only when it is a regular file; anything else is reported, never opened for long. */
function readRegular(path: string, shown: string, envVar: string): Read {
  let fd: number;
  try {
    fd = openSync(path, OPEN_READ);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, result: { outcome: 'missing', message: `${shown} no longer exists; set ${envVar} by hand where the key is used now.` } };
    if (code === 'EACCES' || code === 'EPERM') return { ok: false, result: { outcome: 'failed', message: `${shown} exists but Keydeck may not read it (permission denied); it is unchanged. Update ${envVar} by hand.` } };
    if (code === 'ENXIO') return { ok: false, result: notRegular(shown, envVar, 'a socket') };
    return { ok: false, result: { outcome: 'failed', message: `Keydeck could not open ${shown} (${code ?? 'unknown error'}); it is unchanged. Update ${envVar} by hand.` } };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { ok: false, result: notRegular(shown, envVar, kindOf(stat)) };
    return { ok: true, snap: { text: readFileSync(fd, 'utf8'), stat } };
  } catch {
    return { ok: false, result: { outcome: 'failed', message: `${shown} exists but Keydeck could not read it; it is unchanged. Update ${envVar} by hand.` } };
  } finally {
    closeSync(fd);
  }
}

const kindOf = (s: Stats) => (s.isFIFO() ? 'a named pipe (FIFO)' : s.isCharacterDevice() || s.isBlockDevice() ? 'a device' : s.isSocket() ? 'a socket' : s.isDirectory() ? 'a folder' : 'not a regular file');
const notRegular = (shown: string, envVar: string, kind: string): EnvRewrite => ({
  outcome: 'failed',
  message: `${shown} is ${kind}, not a regular file; Keydeck does not read or write it. Set ${envVar} by hand, or remove this usage.`,
});

/**
 * A value written unquoted into a file that shells `source` must not be able to do anything but
 * be a value: the token alphabet (no `$`, backtick, quote, `;`, space or newline) and, unquoted,
 * no `~`, which a shell expands in an assignment.
 */
function unsafeValue(value: string, quoted: boolean): string | null {
  const problem = secretProblem(value);
  if (problem) return problem;
  if (!quoted && value.includes('~')) return "holds a '~', which a shell expands in an unquoted assignment";
  return null;
}

/**
 * Puts a rotated key's new value into one `.env` file: only the lines of `envVar` whose value is
 * the old secret change. A file that no longer holds the old value is left alone and reported.
 *
 * Choices, each because the alternative loses or leaks something:
 * - only regular files are read (a FIFO, device or socket is reported, and opened non-blocking);
 * - a symlinked `.env` is followed on purpose: its target is rewritten and the report says so;
 * - a file with several hard links is not rewritten: the atomic rename would leave the other
 *   names holding the old key while reporting success, so the user is told to update it;
 * - the backup is created exclusively, mode 0600 (it holds the old secret), so a planted link
 *   at the backup path is removed, never written through;
 * - the file is read again just before the rename: if another program changed it meanwhile, the
 *   new content is dropped and the file left as that program wrote it (`stale`);
 * - the write is atomic (temp file in the same folder, fsync, rename) and keeps the file's mode.
 */
export function rewriteEnvFile(
  path: string,
  envVar: string,
  oldSecret: string | null,
  newSecret: string,
  backup: boolean,
  /** Tests stand in for another program writing the file between our read and our rename. */
  hooks: { afterRead?: () => void } = {},
): EnvRewrite {
  let target = path;
  let via = '';
  try {
    if (lstatSync(path).isSymbolicLink()) {
      target = realpathSync(path);
      via = ` (through the link ${path})`;
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { outcome: 'missing', message: `${path} no longer exists (or is a link to nothing); set ${envVar} by hand where the key is used now.` };
  }
  const shown = `${target}${via}`;
  const read = readRegular(target, shown, envVar);
  if (!read.ok) return read.result;
  const { text, stat } = read.snap;
  const mode = stat.mode & 0o7777;

  const line = new RegExp(`^(\\s*(?:export\\s+)?${escape(envVar)}\\s*=\\s*)(["']?)([^"'\\r\\n#]*)\\2([ \\t]*(?:#.*)?)(\\r?)$`);
  let sawOld = false;
  let sawNew = false;
  let sawReference = false;
  let refused: string | null = null;
  const lines = text.split('\n').map((l) => {
    const m = line.exec(l);
    if (!m) return l;
    const value = m[3]!.trim();
    if (oldSecret !== null && value === oldSecret) {
      sawOld = true;
      refused ??= unsafeValue(newSecret, m[2] !== '');
      return `${m[1]}${m[2]}${newSecret}${m[2]}${m[4]}${m[5]}`;
    }
    if (value === newSecret) sawNew = true;
    if (isReference(value)) sawReference = true;
    return l;
  });
  if (!sawOld) {
    if (sawNew) return { outcome: 'updated', message: `${envVar} in ${shown} already holds the new key.` };
    // An imported .env rewritten to references: `keydeck run --env-file` resolves them to the new key.
    if (sawReference) return { outcome: 'updated', message: `${envVar} in ${shown} holds a keydeck:// reference, which follows the rotation; nothing to write.` };
    if (oldSecret === null) return { outcome: 'skipped', message: `Keydeck does not hold the old key's secret, so it cannot tell whether ${envVar} in ${shown} uses it; update it by hand.` };
    return { outcome: 'stale', message: `${envVar} in ${shown} no longer holds the old key (changed since it was recorded); the file was left untouched. Update it by hand.` };
  }
  if (refused) {
    return { outcome: 'failed', message: `The new key ${refused}, so Keydeck did not write it into ${shown}; the file is unchanged. Set ${envVar} by hand, and check the service: tokens never hold such characters.` };
  }
  if (stat.nlink > 1) {
    return { outcome: 'failed', message: `${shown} has ${stat.nlink} hard links; replacing it would leave the other names holding the old key, so Keydeck left it unchanged. Update ${envVar} by hand.` };
  }

  const dir = dirname(target);
  const tmp = join(dir, `.${basename(target)}.keydeck-${randomBytes(4).toString('hex')}.tmp`);
  let tmpMade = false;
  try {
    if (backup) writeBackup(`${target}.keydeck-bak`, text);
    hooks.afterRead?.();
    const fd = openSync(tmp, 'wx', 0o600);
    tmpMade = true;
    try {
      writeSync(fd, lines.join('\n'));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    chmodSync(tmp, mode);
    // Compare before rename: a line another tool added since our read must not be lost.
    const again = readRegular(target, shown, envVar);
    if (!again.ok || again.snap.text !== text || again.snap.stat.ino !== stat.ino) {
      unlinkSync(tmp);
      tmpMade = false;
      return { outcome: 'stale', message: `${shown} changed while Keydeck was updating it (another program wrote it), so Keydeck left it as that program wrote it. Update ${envVar} by hand.` };
    }
    renameSync(tmp, target);
    tmpMade = false;
    return { outcome: 'updated', message: `${envVar} in ${shown} now holds the new key.` };
  } catch {
    if (tmpMade) {
      try {
        unlinkSync(tmp);
      } catch {
        // already gone
      }
    }
    return { outcome: 'failed', message: `Keydeck could not write ${shown}; it is unchanged. Check its permissions and update ${envVar} by hand.` };
  }
}

/**
 * The old content, in a file only its owner reads. Created exclusively: whatever sits at that
 * path (an older backup, or a link someone planted to make Keydeck overwrite its target) is
 * removed first, and `wx` refuses to follow a link that reappears in between.
 */
function writeBackup(bak: string, text: string): void {
  try {
    unlinkSync(bak);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const fd = openSync(bak, 'wx', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
