// A private D-Bus session with a throwaway, unlocked GNOME Keyring, for whatever must touch a real
// keychain without touching the person's own (the same set-up as test/run.mjs).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * On Linux, re-runs `script` with `args` inside such a session and exits with its status; returns
 * (doing nothing) when already inside one, or when the machine has no dbus-run-session/gnome-keyring.
 * Node's own flags (`--experimental-transform-types`, `--import …`) are passed on.
 */
export function reexecInKeyringSession(script, args, cwd, nodeArgs = process.execArgv) {
  if (process.platform !== 'linux' || process.env.KEYDECK_TEST_SESSION) return;
  const path = (process.env.PATH ?? '').split(':').filter(Boolean);
  const daemon = path.map((d) => join(d, 'gnome-keyring-daemon')).find((p) => existsSync(p));
  if (!daemon || !path.some((d) => existsSync(join(d, 'dbus-run-session')))) {
    console.warn('dbus-run-session or gnome-keyring-daemon not found; using the session keychain with a test-only service name.');
    return;
  }
  const xdg = mkdtempSync(join(tmpdir(), 'keydeck-session-'));
  const wrapper = join(xdg, 'keyring-unlocked.sh');
  writeFileSync(wrapper, `#!/bin/sh\nprintf pw | exec '${daemon}' --foreground --unlock --components=secrets\n`, { mode: 0o755 });
  mkdirSync(join(xdg, 'dbus-1', 'services'), { recursive: true });
  writeFileSync(join(xdg, 'dbus-1', 'services', 'org.freedesktop.secrets.service'), `[D-BUS Service]\nName=org.freedesktop.secrets\nExec=${wrapper}\n`);
  const r = spawnSync('dbus-run-session', ['--', process.execPath, ...nodeArgs, script, ...args], {
    cwd,
    stdio: 'inherit',
    env: { ...process.env, KEYDECK_TEST_SESSION: 'private', XDG_DATA_HOME: xdg, XDG_RUNTIME_DIR: xdg },
  });
  rmSync(xdg, { recursive: true, force: true });
  process.exit(r.status ?? 1);
}
