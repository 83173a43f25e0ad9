import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_DIR_NAME = 'Keydeck';
export const DEFAULT_KEYCHAIN_SERVICE = 'keydeck';

/**
 * The same directory Electron's app.getPath('userData') gives for productName "Keydeck",
 * computed without Electron so the CLI and the app open the same database.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.KEYDECK_DATA_DIR) return env.KEYDECK_DATA_DIR;
  const home = homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_DIR_NAME);
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), APP_DIR_NAME);
}

export function keychainService(env: NodeJS.ProcessEnv = process.env): string {
  return env.KEYDECK_KEYCHAIN_SERVICE || DEFAULT_KEYCHAIN_SERVICE;
}
