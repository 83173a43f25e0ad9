import { accessSync, constants, lstatSync, mkdirSync, readlinkSync, renameSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, delimiter, dirname, join, resolve } from 'node:path';
import { AppError } from '../core/errors';

export interface CliLinkOptions {
  /** Where to put the `keydeck` link. Default: ~/.local/bin, else /usr/local/bin when writable. */
  targetDir?: string;
  /** The launcher shipped in the app (resources/bin/keydeck). Default: the running app's. */
  launcherPath?: string;
  /** For tests: the home folder, the fallback folder and PATH to check against. */
  homeDir?: string;
  fallbackDir?: string;
  pathEnv?: string;
}

export interface CliLinkResult {
  /** The link created (or found already in place). */
  linkPath: string;
  launcherPath: string;
  alreadyInstalled: boolean;
  /** False when the folder is not on PATH: tell the person to add it. */
  onPath: boolean;
}

/** Keydeck's launcher as the installed app ships it (see electron-builder.yml, extraResources). */
export function shippedLauncherPath(): string {
  return join((process as { resourcesPath?: string }).resourcesPath ?? '', 'bin', 'keydeck');
}

/**
 * Puts the `keydeck` command on the person's PATH as a symlink to the app's launcher (the deb does
 * this for /usr/bin itself). Replaces only a link that is Keydeck's (an older install, a moved app);
 * anything else named keydeck is left alone and reported. Plain fs: no Electron needed.
 */
export function installCliLink(options: CliLinkOptions = {}): CliLinkResult {
  if (process.platform === 'win32') throw new AppError('unsupported', 'The keydeck command link is for macOS and Linux; on Windows run Keydeck from the Start menu.');
  const launcherPath = resolve(options.launcherPath ?? shippedLauncherPath());
  if (!isFile(launcherPath)) {
    throw new AppError('unsupported', `This copy of Keydeck has no keydeck command to link (${launcherPath} is missing): it ships with the installed app. In a development checkout, run \`npm link\` instead (then \`keydeck\` works from any terminal).`);
  }
  const home = options.homeDir ?? homedir();
  const candidates = options.targetDir ? [{ dir: resolve(options.targetDir), create: true }] : [{ dir: join(home, '.local', 'bin'), create: true }, { dir: options.fallbackDir ?? '/usr/local/bin', create: false }];
  const onPathOf = (dir: string) => (options.pathEnv ?? process.env.PATH ?? '').split(delimiter).filter(Boolean).some((p) => resolve(p) === dir);

  for (const { dir, create } of candidates) {
    if (!writableDir(dir, create)) continue;
    const linkPath = join(dir, 'keydeck');
    const existing = existingLink(linkPath);
    if (existing === 'foreign') {
      throw new AppError('conflict', `${linkPath} already exists and is not Keydeck's: Keydeck left it alone. Remove or rename it, or choose another folder, then try again.`);
    }
    if (existing !== null && resolve(dir, existing) === launcherPath) return { linkPath, launcherPath, alreadyInstalled: true, onPath: onPathOf(dir) };
    // Made under a temporary name and renamed over: the command is never missing half-way.
    const temp = join(dir, `.keydeck-link-${process.pid}`);
    rmSync(temp, { force: true });
    symlinkSync(launcherPath, temp);
    renameSync(temp, linkPath);
    return { linkPath, launcherPath, alreadyInstalled: false, onPath: onPathOf(dir) };
  }
  throw new AppError('storage_error', `Keydeck could not write to ${candidates.map((c) => c.dir).join(' or ')}. Link the command by hand: sudo ln -s '${launcherPath}' /usr/local/bin/keydeck`);
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function writableDir(dir: string, create: boolean): boolean {
  try {
    if (create) mkdirSync(dir, { recursive: true });
    if (!statSync(dir).isDirectory()) return false;
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** null: nothing there; a link target: Keydeck's (or dangling); 'foreign': something else. */
function existingLink(linkPath: string): string | 'foreign' | null {
  let stat;
  try {
    stat = lstatSync(linkPath);
  } catch {
    return null;
  }
  if (!stat.isSymbolicLink()) return 'foreign';
  const target = readlinkSync(linkPath);
  const dangling = !isFile(resolve(dirname(linkPath), target));
  const keydecks = basename(target) === 'keydeck' && basename(dirname(target)) === 'bin' && basename(dirname(dirname(target))) === 'resources';
  return dangling || keydecks ? target : 'foreign';
}
