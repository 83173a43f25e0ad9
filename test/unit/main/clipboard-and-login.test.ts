import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ clipboard: {}, ClipboardItem: class {} }));
const { concealedClipboardEntries } = await import('../../../electron/main/clipboard');
const { applyLinuxAutostart, autostartDesktopEntry, loginItemSettings } = await import('../../../electron/main/login-item');

describe('concealed clipboard writes', () => {
  const raw = (f: string) => `electron application/osclipboard;format="${f}"`;
  it('marks the copy for macOS clipboard managers', () => {
    expect(concealedClipboardEntries('s', 'darwin')).toEqual({ 'text/plain': 's', [raw('org.nspasteboard.ConcealedType')]: '' });
  });
  it('keeps the copy out of Windows clipboard history and cloud sync', async () => {
    const e = concealedClipboardEntries('s', 'win32');
    expect(Object.keys(e).sort()).toEqual(['text/plain', raw('CanIncludeInClipboardHistory'), raw('CanUploadToCloudClipboard'), raw('ExcludeClipboardContentFromMonitorProcessing')].sort());
    expect([...new Uint8Array(await (e[raw('CanIncludeInClipboardHistory')] as Blob).arrayBuffer())]).toEqual([0, 0, 0, 0]);
  });
  it('gives KDE Klipper its password hint', () => {
    expect(concealedClipboardEntries('s', 'linux')[raw('x-kde-passwordManagerHint')]).toBe('secret');
  });
});

describe('launch at login', () => {
  it('starts hidden in the tray', () => {
    expect(loginItemSettings({ launchAtLogin: true })).toEqual({ openAtLogin: true, openAsHidden: true, args: ['--hidden'] });
  });
  it('writes and removes the XDG autostart entry on Linux', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keydeck-autostart-'));
    const file = join(dir, 'autostart', 'keydeck.desktop');
    try {
      applyLinuxAutostart(true, '/opt/Keydeck/keydeck desktop', file);
      expect(readFileSync(file, 'utf8')).toBe(autostartDesktopEntry('/opt/Keydeck/keydeck desktop'));
      expect(readFileSync(file, 'utf8')).toContain('Exec="/opt/Keydeck/keydeck desktop" --hidden');
      applyLinuxAutostart(false, '/x', file);
      expect(existsSync(file)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
