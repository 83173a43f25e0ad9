import { closeSync, lstatSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../errors';

const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * A per-user folder for cross-process locks: the session's runtime dir where there is one, else
 * a 0700 folder of our own under the temp dir (checked to be ours, not a link another user planted).
 */
export function lockDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.XDG_RUNTIME_DIR) return env.XDG_RUNTIME_DIR;
  const dir = join(tmpdir(), `keydeck-${process.getuid?.() ?? 'user'}`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = lstatSync(dir);
  if (!st.isDirectory() || (process.getuid && st.uid !== process.getuid())) {
    throw new AppError('storage_error', `${dir} is not a folder Keydeck owns; remove it and try again.`);
  }
  return dir;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Runs `fn` while holding `path`, a lock file created exclusively (O_EXCL) and holding the
 * owner's pid. A lock whose owner is gone, or older than `staleMs` (a hung owner), is broken.
 * Waits with a short jittered poll: the only contention is a few processes starting at once.
 */
export async function withFileLock<T>(path: string, fn: () => Promise<T>, opts: { staleMs?: number; waitMs?: number } = {}): Promise<T> {
  const staleMs = opts.staleMs ?? 30_000;
  const deadline = Date.now() + (opts.waitMs ?? 15_000);
  for (;;) {
    let fd: number | null = null;
    try {
      fd = openSync(path, 'wx', 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    if (fd !== null) {
      try {
        writeSync(fd, `${process.pid} ${Date.now()}`);
      } finally {
        closeSync(fd);
      }
      try {
        return await fn();
      } finally {
        try {
          unlinkSync(path);
        } catch {
          // broken as stale by someone else: nothing to release
        }
      }
    }
    if (isStale(path, staleMs)) {
      try {
        unlinkSync(path);
      } catch {
        // another waiter broke it first
      }
      continue;
    }
    if (Date.now() > deadline) {
      throw new AppError('keychain_unavailable', `Another Keydeck process has been setting up the keychain for a while (lock ${path}). If no other Keydeck is running, delete that file and try again.`);
    }
    await pause(15 + Math.random() * 35);
  }
}

function isStale(path: string, staleMs: number): boolean {
  try {
    const [pid, at] = readFileSync(path, 'utf8').split(' ').map(Number);
    if (!pid || !at) return Date.now() - lstatSync(path).mtimeMs > 2_000; // being written, or garbage
    return !isAlive(pid) || Date.now() - at > staleMs;
  } catch {
    return false; // gone already: the next open will tell
  }
}
