#!/usr/bin/env node
// `npm start` (preview: build, then run) and `npm run dev`: Electron's binary first, then electron-vite.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureElectron } from './ensure-electron.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const [mode = 'preview', ...rest] = process.argv.slice(2);

const electron = await ensureElectron({ root });
if (!electron.ok) {
  process.stderr.write(`\n${electron.message}\n\n`);
  process.exit(1);
}

const cli = join(dirname(createRequire(join(root, 'package.json')).resolve('electron-vite/package.json')), 'bin/electron-vite.js');
const child = spawn(process.execPath, [cli, mode, '-c', 'electron/electron.vite.config.ts', ...rest], {
  cwd: root,
  stdio: 'inherit',
  // electron-vite reads this before looking for path.txt itself: it runs the binary just ensured.
  env: { ...process.env, ELECTRON_EXEC_PATH: electron.executable },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
