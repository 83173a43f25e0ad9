import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { chmodSync } from 'node:fs';
import { join } from 'node:path';

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

export default defineConfig({
  main: {
    plugins: [executableCli()],
    // zod evaluated on first use (electron/build/zod-on-demand.cjs): the main process's bundle only.
    resolve: { alias: [{ find: /^zod$/, replacement: at('electron/build/zod-on-demand.cjs') }] },
    build: {
      outDir: at('out/main'),
      // Bundled, not required from node_modules: the bundler keeps only the parts used (no locale
      // files), which takes ~70 ms off every CLI start.
      externalizeDeps: { exclude: ['zod', 'commander', 'dotenv'] },
      rollupOptions: { input: { index: at('electron/main/index.ts'), cli: at('electron/cli/index.ts') } },
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
