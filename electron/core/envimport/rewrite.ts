import { randomBytes } from '../crypto';
import { chmodSync, closeSync, constants, fsyncSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../errors';
import { hashBytes, type EnvFile } from './read-env-file';

export interface Replacement {
  start: number;
  end: number;
  text: string;
}

/** The file's text with each value span replaced; everything else (comments, order, quotes, CRLF) is kept byte for byte. */
export function applyReplacements(file: EnvFile, replacements: Replacement[]): string {
  let out = '';
  let at = 0;
  for (const r of [...replacements].sort((a, b) => a.start - b.start)) {
    out += file.text.slice(at, r.start) + r.text;
    at = r.end;
  }
  return (file.bom ? '\uFEFF' : '') + out + file.text.slice(at);
}

/**
 * Writes the new text atomically: a temp file created exclusively (O_EXCL) in the same folder,
 * fsynced, given the original mode, then renamed over the original. The original is checked
 * once more right before the rename; if anyone changed it since it was read, nothing is written.
 */
export function writeEnvAtomically(file: EnvFile, text: string): void {
  const tmp = join(dirname(file.path), `.${basename(file.path)}.keydeck-${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | null = null;
  try {
    fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, file.mode & 0o777);
    writeSync(fd, text);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    chmodSync(tmp, file.mode); // the umask may have narrowed it
    if (hashBytes(readFileSync(file.path)) !== file.hash) throw changedError(file.path);
    renameSync(tmp, file.path);
  } catch (e) {
    if (fd !== null) closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      // never created, or already renamed
    }
    if (e instanceof AppError) throw e;
    throw new AppError('storage_error', `Keydeck could not write ${file.path} (${(e as NodeJS.ErrnoException).code ?? 'error'}); it is unchanged. Check the folder's permissions.`);
  }
}

export const changedError = (path: string) =>
  new AppError('conflict', `${path} changed after the preview. Nothing was written to it; preview the import again.`);
