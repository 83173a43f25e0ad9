import { createHmac, randomBytes } from '../crypto';
import { lstatSync, readFileSync, realpathSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { AppError } from '../errors';

export interface EnvFile {
  path: string;
  /** The text after the byte-order mark, if any. */
  text: string;
  bom: boolean;
  mode: number;
  /** Of the exact bytes: a preview is applied only to the file it was made from. */
  hash: string;
}

const MAX_BYTES = 1024 * 1024;
// Keyed per process: the hash proves "unchanged since the preview" and says nothing about the secrets
// in it. Made on first use: the first randomBytes of a process costs ~4 ms, which `keydeck read` need not pay.
let hashKey: Buffer | undefined;

export const hashBytes = (bytes: Buffer): string => createHmac('sha256', (hashKey ??= randomBytes(32))).update(bytes).digest('hex');

/**
 * Reads a `.env` for import. A symbolic link is refused rather than followed: the rewrite
 * replaces the file by rename, which would turn the link into a plain file and leave its target
 * holding the secrets. The user is told the target's path to import instead.
 */
export function readEnvFile(path: string): EnvFile {
  if (!isAbsolute(path)) throw new AppError('invalid_input', `${path} is not an absolute path.`, { fields: { path: 'must be an absolute path' } });
  let st;
  try {
    st = lstatSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new AppError('not_found', code === 'ENOENT' ? `${path} does not exist.` : `${path} cannot be read (${code ?? 'error'}). Check its permissions.`);
  }
  if (st.isSymbolicLink()) {
    let target = 'its target';
    try {
      target = realpathSync(path);
    } catch {
      // a dangling link: the message still says what to do
    }
    throw new AppError('invalid_input', `${path} is a symbolic link to ${target}. Keydeck does not follow links when it may rewrite a file; import ${target} itself.`, { fields: { path: 'is a symbolic link' } });
  }
  if (!st.isFile()) throw new AppError('invalid_input', `${path} is not a regular file.`, { fields: { path: 'is not a file' } });
  if (st.size > MAX_BYTES) throw new AppError('invalid_input', `${path} is larger than 1 MiB; that is not a .env file Keydeck can import.`, { fields: { path: 'is too large' } });
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new AppError('forbidden', `${path} cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'}). Check its permissions, then try again.`);
  }
  let decoded: string;
  try {
    decoded = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new AppError('invalid_input', `${path} is not UTF-8 text. Save it as UTF-8 (most editors: "Save with encoding"), then import it again. Nothing was read.`, { fields: { path: 'is not UTF-8' } });
  }
  const bom = decoded.startsWith('\uFEFF');
  return { path, text: bom ? decoded.slice(1) : decoded, bom, mode: st.mode & 0o7777, hash: hashBytes(bytes) };
}
