import { closeSync, fsyncSync, linkSync, openSync, renameSync, unlinkSync, writeSync, constants } from 'node:fs';
import { randomBytes } from '../../core/crypto';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a file that holds secrets: a temp file in the same folder, created exclusively with mode
 * 0600, fsynced, then moved into place, so a reader sees the old file or the whole new one.
 * Without `overwrite` the move is a hard link, which fails if the target exists even when it
 * appeared a moment ago; nothing is then overwritten and the temp file is removed.
 */
export function writeSecretFile(path: string, content: string, overwrite: boolean): void {
  const temp = join(dirname(path), `.${basename(path)}.keydeck-${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o600);
  try {
    try {
      writeSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (overwrite) renameSync(temp, path);
    else linkSync(temp, path);
  } finally {
    try {
      unlinkSync(temp);
    } catch {
      // already moved into place by the rename
    }
  }
}
