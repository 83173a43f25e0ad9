import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Settings } from '../../shared/domain';

/** Started by the login item: stay in the tray instead of opening the window. */
export const HIDDEN_ARG = '--hidden';

/** Pure: Electron's login-item settings (macOS, Windows) for our settings. */
export function loginItemSettings(settings: Pick<Settings, 'launchAtLogin'>): { openAtLogin: boolean; openAsHidden: boolean; args: string[] } {
  return { openAtLogin: settings.launchAtLogin, openAsHidden: true, args: [HIDDEN_ARG] };
}

/** Pure: the XDG autostart entry Linux desktops read, since Electron has no login-item API there. */
export function autostartDesktopEntry(execPath: string): string {
  const quoted = /[\s"]/.test(execPath) ? `"${execPath.replace(/"/g, '\\"')}"` : execPath;
  return ['[Desktop Entry]', 'Type=Application', 'Name=Keydeck', `Exec=${quoted} ${HIDDEN_ARG}`, 'X-GNOME-Autostart-enabled=true', 'NoDisplay=false', ''].join('\n');
}

export function linuxAutostartFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'autostart', 'keydeck.desktop');
}

export function applyLinuxAutostart(enabled: boolean, execPath: string, file = linuxAutostartFile()): void {
  if (enabled) {
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, autostartDesktopEntry(execPath), { mode: 0o644 });
  } else {
    rmSync(file, { force: true });
  }
}
