// Makes sure Electron's own binary is present before `npm start` / `npm run dev` launch it.
// Electron 45's npm package has no install script: the binary comes from the package's install.js
// (@electron/get), which honours ELECTRON_MIRROR, electron_config_cache and the package's checksums.
// We run exactly that script; we only turn its failure into one paragraph a person can act on.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const hooks = fileURLToPath(new URL('./install-hooks.cjs', import.meta.url));

/**
 * @param {{ root: string, env?: NodeJS.ProcessEnv }} options  root: the project folder (holds package.json)
 * @returns {Promise<{ ok: true, executable: string } | { ok: false, message: string }>}
 */
export async function ensureElectron({ root, env = process.env }) {
  const electronDir = dirname(createRequire(join(root, 'package.json')).resolve('electron/package.json'));
  const version = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
  if (!existsSync(join(electronDir, 'path.txt'))) {
    process.stderr.write(`Keydeck: first start on this machine, fetching Electron ${version} through its installer (once; it is cached).\n`);
  }
  const reports = await runInstaller(electronDir, env);
  if (reports.exitCode === 0) {
    const executable = installedExecutable(electronDir, env);
    if (executable) return { ok: true, executable };
    return { ok: false, message: wrap(`Keydeck could not start: Electron's installer finished but its binary is missing from ${join(electronDir, 'dist')}. Delete the folder ${electronDir}, run \`npm install\`, then \`npm start\` again.`) };
  }
  return { ok: false, message: wrap(await explain(reports, { version, electronDir, env })) };
}

/** The executable install.js recorded in path.txt, if it is really there. */
function installedExecutable(electronDir, env) {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8');
  const executable = join(env.ELECTRON_OVERRIDE_DIST_PATH || join(electronDir, 'dist'), relative);
  return existsSync(executable) ? executable : null;
}

function runInstaller(electronDir, env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--require', hooks, join(electronDir, 'install.js')], {
      cwd: electronDir,
      env,
      // stdout/stderr stay the terminal's so @electron/get's progress bar shows on a slow download.
      stdio: ['ignore', 'inherit', 'inherit', 'pipe'],
    });
    let text = '';
    child.stdio[3].on('data', (chunk) => (text += chunk));
    child.on('error', (error) => resolve({ exitCode: 1, entries: [{ error: error.message }] }));
    child.on('close', (code, signal) => {
      const entries = text.split('\n').filter(Boolean).flatMap((line) => {
        try {
          return [JSON.parse(line)];
        } catch {
          return [];
        }
      });
      resolve({ exitCode: code ?? (signal ? 1 : 0), entries });
    });
  });
}

async function explain({ entries }, { version, electronDir, env }) {
  const fetched = entries.filter((e) => e.fetch).map((e) => e.fetch);
  const zipUrl = fetched.find((u) => u.endsWith('.zip')) ?? fetched[0];
  const network = entries.find((e) => e.network);
  const status = entries.find((e) => e.status);
  const error = entries.find((e) => e.error)?.error ?? 'the installer stopped without saying why';
  const host = (u) => (u ? new URL(u).host : 'the download server');

  let what;
  if (network) what = `${host(network.url)} could not be reached (${network.network})`;
  else if (status) what = `${host(status.url)} answered HTTP ${status.status} for ${status.url}`;
  else if (/checksum|did not match|sha256/i.test(error)) what = `the downloaded file did not match Electron's published checksum, so it was not used (${error.replace(/^\w*Error: /, '')})`;
  else what = error.replace(/^\w*Error: /, '');

  const platform = env.ELECTRON_INSTALL_PLATFORM || env.npm_config_platform || process.platform;
  const arch = env.ELECTRON_INSTALL_ARCH || env.npm_config_arch || process.arch;
  const zipName = zipUrl && zipUrl.endsWith('.zip') ? posix.basename(new URL(zipUrl).pathname) : `electron-v${version}-${platform}-${arch}.zip`;
  const cached = zipUrl ? join(await cacheRoot(electronDir, env), cacheFolder(zipUrl), zipName) : null;

  return [
    `Keydeck could not start: Electron ${version}, the desktop runtime it runs on, is downloaded by Electron's installer the first time you start Keydeck, and that download failed: ${what}.`,
    'Nothing else is wrong: your install is fine, and this download happens only once.',
    `To fix it, either connect to the internet (${host(zipUrl)} must be reachable) and run \`npm start\` again;`,
    'or use a mirror, for example `ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/ npm start`;',
    cached
      ? `or download ${zipName} on another machine and copy it to ${cached}, then run \`npm start\` again.`
      : `or download ${zipName} on another machine and put it in Electron's download cache (see electron_config_cache), then run \`npm start\` again.`,
  ].join(' ');
}

/** Where @electron/get keeps downloads: electron_config_cache, or env-paths' cache folder for "electron". */
async function cacheRoot(electronDir, env) {
  if (env.electron_config_cache) return env.electron_config_cache;
  const fromGet = createRequire(createRequire(join(electronDir, 'package.json')).resolve('@electron/get'));
  const { default: envPaths } = await import(pathToFileURL(fromGet.resolve('env-paths')).href);
  return envPaths('electron', { suffix: '' }).cache;
}

/** @electron/get's cache layout: one folder per download folder URL, named by its SHA-256. */
function cacheFolder(url) {
  const parsed = new URL(url);
  parsed.hash = '';
  parsed.search = '';
  parsed.pathname = posix.dirname(parsed.pathname);
  return createHash('sha256').update(parsed.toString()).digest('hex');
}

/** One paragraph, wrapped for a 100-column terminal; a `command` is never split across lines. */
function wrap(text, width = 100) {
  const lines = [];
  let line = '';
  const words = text.replace(/`[^`]*`/g, (code) => code.replaceAll(' ', '\u00a0')).split(/ +/);
  for (const word of words.map((w) => w.replaceAll('\u00a0', ' '))) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}
