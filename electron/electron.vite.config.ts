import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { chmodSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const at = (p: string) => `${root}${p}`;

/**
 * The CSP lives in renderer/index.html. The dev server's React Refresh needs an inline
 * preamble and a websocket, so only `electron-vite dev` relaxes it; builds ship it strict.
 */
function devCsp(): Plugin {
  return {
    name: 'keydeck-dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) =>
      html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace("connect-src 'self'", "connect-src 'self' ws:"),
  };
}

/** `npm link` points `keydeck` at out/main/cli.js: every build must leave it executable. */
function executableCli(): Plugin {
  return {
    name: 'keydeck-executable-cli',
    writeBundle: (options) => {
      if (options.dir) chmodSync(join(options.dir, 'cli.js'), 0o755);
    },
  };
}

/**
 * Commander requires node:child_process when it loads, for executable subcommands keydeck never
 * declares: ~2 ms of every CLI start. Its require gets electron/build/child-process-on-demand.cjs,
 * which looks the module up on first use. (Aliases and resolveId never see a builtin here.)
 */
function commanderChildProcessOnDemand(): Plugin {
  const standIn = JSON.stringify(at('electron/build/child-process-on-demand.cjs'));
  return {
    name: 'keydeck-commander-child-process-on-demand',
    transform(code, id) {
      if (!id.includes('/node_modules/commander/lib/')) return null;
      const out = code.replace(/require\((['"])node:child_process\1\)/g, `require(${standIn})`);
      return out === code ? null : { code: out, map: null };
    },
  };
}

/**
 * better-sqlite3's JavaScript is bundled (~3 ms of every CLI start went to loading its 15 files);
 * its native addon is not. Its loader finds the addon from `__dirname`, which in the bundle is the
 * bundle's folder: it gets the installed package's lib folder instead, so the addon is found
 * exactly as before (build/, then prebuilds/, inside app.asar.unpacked when packaged). That folder
 * is written into each chunk relative to it (out/ and node_modules/ sit side by side in the repo
 * and in app.asar), since asking Node to resolve the package costs ~1.5 ms; Node is asked only
 * if it is not there.
 */
function betterSqliteFromItsPackage(): Plugin {
  const REL = '__KEYDECK_BETTER_SQLITE3_LIB__';
  const lib = join(root, 'node_modules/better-sqlite3/lib');
  return {
    name: 'keydeck-better-sqlite3-addon-from-its-package',
    transform(code, id) {
      if (!id.replace(/\\/g, '/').endsWith('/node_modules/better-sqlite3/lib/binding.js')) return null;
      if (!code.includes('__dirname')) throw new Error('better-sqlite3/lib/binding.js no longer uses __dirname: check how it finds its addon');
      const find = `function keydeckFindLib() {
  const near = require('node:path').join(__dirname, ${JSON.stringify(REL)});
  return require('node:fs').existsSync(near) ? near : require('node:path').dirname(require.resolve('better-sqlite3'));
}
let keydeckLib;
`;
      return { code: find + code.replaceAll('__dirname', '(keydeckLib ??= keydeckFindLib())').replace(`join((keydeckLib ??= keydeckFindLib()), ${JSON.stringify(REL)})`, `join(__dirname, ${JSON.stringify(REL)})`), map: null };
    },
    renderChunk(code, chunk, options) {
      if (!code.includes(REL)) return null;
      const rel = relative(dirname(join(options.dir ?? at('out/main'), chunk.fileName)), lib).replaceAll('\\', '/');
      return { code: code.replaceAll(REL, rel), map: null };
    },
  };
}

/**
 * zod is bundled as an entry of its own (out/main/zod-api.js): the chunks that stand in for it
 * (zod-on-demand.cjs) get its path relative to them, so a command that builds no schema never
 * reads zod's ~250 KB.
 */
function zodApiPath(): Plugin {
  const MARK = '__KEYDECK_ZOD_API__';
  return {
    name: 'keydeck-zod-api-path',
    renderChunk(code, chunk, options) {
      if (!code.includes(MARK)) return null;
      const dir = options.dir ?? at('out/main');
      const rel = relative(dirname(join(dir, chunk.fileName)), join(dir, 'zod-api.js')).replaceAll('\\', '/');
      return { code: code.replaceAll(MARK, rel), map: null };
    },
  };
}

export default defineConfig({
  main: {
    plugins: [executableCli(), commanderChildProcessOnDemand(), betterSqliteFromItsPackage(), zodApiPath()],
    // zod evaluated on first use (electron/build/zod-on-demand.cjs): the main process's bundle only.
    resolve: { alias: [{ find: /^zod$/, replacement: at('electron/build/zod-on-demand.cjs') }] },
    build: {
      outDir: at('out/main'),
      // Bundled, not required from node_modules: the bundler keeps only the parts used (no locale
      // files), which takes ~70 ms off every CLI start; better-sqlite3's addon stays in its package.
      externalizeDeps: { exclude: ['zod', 'commander', 'dotenv', 'better-sqlite3'] },
      rollupOptions: { input: { index: at('electron/main/index.ts'), cli: at('electron/cli/index.ts'), 'zod-api': at('electron/build/zod-api.ts') } },
    },
  },
  preload: {
    build: {
      outDir: at('out/preload'),
      // A sandboxed preload cannot require anything but 'electron': bundle everything else in.
      externalizeDeps: false,
      rollupOptions: { input: { index: at('electron/preload/index.ts') } },
    },
  },
  renderer: {
    root: at('renderer'),
    plugins: [react(), devCsp()],
    // Minified: the page ships inside the app, and a smaller bundle parses faster at every window open.
    build: { outDir: at('out/renderer'), minify: true, rollupOptions: { input: at('renderer/index.html') } },
  },
});
