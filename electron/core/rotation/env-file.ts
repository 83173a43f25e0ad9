import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, copyFileSync, fsyncSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export type EnvOutcome = 'updated' | 'stale' | 'missing' | 'failed' | 'skipped';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Puts a rotated key's new value into one `.env` file: only the lines of `envVar` whose value is
 * the old secret change. A file that no longer holds the old value is left alone and reported.
 * The write is atomic (temp file in the same folder, fsync, rename) and keeps the file's mode.
 */
export function rewriteEnvFile(path: string, envVar: string, oldSecret: string | null, newSecret: string, backup: boolean): { outcome: EnvOutcome; message: string } {
  let text: string;
  let mode: number;
  try {
    text = readFileSync(path, 'utf8');
    mode = statSync(path).mode & 0o7777;
  } catch {
    return { outcome: 'missing', message: `${path} no longer exists; set ${envVar} by hand where the key is used now.` };
  }
  const line = new RegExp(`^(\\s*(?:export\\s+)?${escape(envVar)}\\s*=\\s*)(["']?)([^"'\\r\\n#]*)\\2([ \\t]*(?:#.*)?)(\\r?)$`);
  let sawOld = false;
  let sawNew = false;
  const lines = text.split('\n').map((l) => {
    const m = line.exec(l);
    if (!m) return l;
    const value = m[3]!.trim();
    if (oldSecret !== null && value === oldSecret) {
      sawOld = true;
      return `${m[1]}${m[2]}${newSecret}${m[2]}${m[4]}${m[5]}`;
    }
    if (value === newSecret) sawNew = true;
    return l;
  });
  if (!sawOld) {
    if (sawNew) return { outcome: 'updated', message: `${envVar} in ${path} already holds the new key.` };
    if (oldSecret === null) return { outcome: 'skipped', message: `Keydeck does not hold the old key's secret, so it cannot tell whether ${envVar} in ${path} uses it; update it by hand.` };
    return { outcome: 'stale', message: `${envVar} in ${path} no longer holds the old key (changed since it was recorded); the file was left untouched. Update it by hand.` };
  }
  const tmp = join(dirname(path), `.${basename(path)}.keydeck-${randomBytes(4).toString('hex')}.tmp`);
  try {
    if (backup) {
      const bak = `${path}.keydeck-bak`;
      copyFileSync(path, bak);
      chmodSync(bak, mode);
    }
    const fd = openSync(tmp, 'wx', mode);
    try {
      writeSync(fd, lines.join('\n'));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    chmodSync(tmp, mode); // the umask may have narrowed it
    renameSync(tmp, path);
    return { outcome: 'updated', message: `${envVar} in ${path} now holds the new key.` };
  } catch {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing was created
    }
    return { outcome: 'failed', message: `Keydeck could not write ${path}; it is unchanged. Check its permissions and update ${envVar} by hand.` };
  }
}
