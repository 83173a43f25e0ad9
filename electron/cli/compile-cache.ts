import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where Node keeps the CLI's compiled code: the OS's cache folder (never the data folder or the
 * repository), NODE_COMPILE_CACHE when set, the way Node itself would honour it.
 */
export function compileCacheDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.NODE_COMPILE_CACHE) return env.NODE_COMPILE_CACHE;
  const home = homedir();
  const base =
    platform === 'darwin'
      ? join(home, 'Library', 'Caches')
      : platform === 'win32'
        ? (env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'))
        : (env.XDG_CACHE_HOME || join(home, '.cache'));
  return join(base, 'keydeck', 'node-compile-cache');
}
