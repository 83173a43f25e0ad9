#!/usr/bin/env node
// `npm test`: everything CI runs (unit, integration, E2E) in one vitest run, inside a private
// D-Bus session with a throwaway, unlocked GNOME Keyring when the machine has one, so tests
// never see the person's own keychain. Ends with the line `tests: N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);

function onPath(cmd) {
  return (process.env.PATH ?? '').split(':').some((d) => d && existsSync(join(d, cmd)));
}

if (process.platform === 'linux' && !process.env.KEYDECK_TEST_SESSION) {
  const daemon = (process.env.PATH ?? '').split(':').map((d) => join(d, 'gnome-keyring-daemon')).find((p) => existsSync(p));
  if (onPath('dbus-run-session') && daemon) {
    const xdg = mkdtempSync(join(tmpdir(), 'keydeck-test-xdg-'));
    // The session bus starts the keyring on first use through this activation file, and again if the
    // daemon ever dies mid-run: every instance comes up with the throwaway login keyring unlocked.
    const wrapper = join(xdg, 'keyring-unlocked.sh');
    writeFileSync(wrapper, `#!/bin/sh\nprintf pw | exec '${daemon}' --foreground --unlock --components=secrets\n`, { mode: 0o755 });
    mkdirSync(join(xdg, 'dbus-1', 'services'), { recursive: true });
    writeFileSync(join(xdg, 'dbus-1', 'services', 'org.freedesktop.secrets.service'), `[D-BUS Service]\nName=org.freedesktop.secrets\nExec=${wrapper}\n`);
    const r = spawnSync('dbus-run-session', ['--', process.execPath, 'test/run.mjs', ...args], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, KEYDECK_TEST_SESSION: 'private', XDG_DATA_HOME: xdg, XDG_RUNTIME_DIR: xdg },
    });
    rmSync(xdg, { recursive: true, force: true });
    process.exit(r.status ?? 1);
  }
  console.warn('keydeck tests: dbus-run-session or gnome-keyring-daemon not found; using the session keychain with a test-only service name.');
}

// The E2E tests and the two-process test drive the built app: build when sources are newer.
function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}
const marker = join(root, 'out/renderer/index.html');
const sources = Math.max(...['renderer', 'shared', 'electron'].map((d) => newest(join(root, d))));
if (!existsSync(marker) || statSync(marker).mtimeMs < sources) {
  const b = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) {
    console.log('tests: 0 passed, 1 failed');
    process.exit(1);
  }
}

mkdirSync(join(root, 'test-results'), { recursive: true });
// Per run, so two runs at once (a developer and a helper) never read each other's counts.
const report = join(root, `test-results/vitest-${process.pid}.json`);
rmSync(report, { force: true });
const started = Date.now();
const v = spawnSync(
  process.execPath,
  [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'test/vitest.config.mts', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...args],
  { cwd: root, stdio: 'inherit' },
);

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed = r.numPassedTests;
  failed = r.numFailedTests;
  skipped = r.numPendingTests + r.numTodoTests;
} else {
  failed = 1;
}
if (v.status !== 0 && failed === 0) failed = 1;
console.log(`test time: ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
rmSync(report, { force: true });
process.exit(failed > 0 || v.status !== 0 ? 1 : 0);
