import { clipboard, ClipboardItem } from 'electron';
import type { Clipboard } from '../core/ports';

const raw = (format: string) => `electron application/osclipboard;format="${format}"`;

/**
 * Pure: the formats written with a secret so clipboard managers and history skip it —
 * macOS's nspasteboard convention, Windows' history/cloud exclusion, KDE's password hint.
 * Electron commits all entries of one write() atomically.
 */
export function concealedClipboardEntries(text: string, platform: NodeJS.Platform): Record<string, string | Blob> {
  const entries: Record<string, string | Blob> = { 'text/plain': text };
  if (platform === 'darwin') entries[raw('org.nspasteboard.ConcealedType')] = '';
  if (platform === 'win32') {
    const zero = new Blob([new Uint8Array(4)]); // DWORD 0
    entries[raw('ExcludeClipboardContentFromMonitorProcessing')] = '';
    entries[raw('CanIncludeInClipboardHistory')] = zero;
    entries[raw('CanUploadToCloudClipboard')] = zero;
  }
  if (platform === 'linux') entries[raw('x-kde-passwordManagerHint')] = 'secret';
  return entries;
}

export const electronClipboard: Clipboard = {
  writeConcealed: (text) => clipboard.write([new ClipboardItem(concealedClipboardEntries(text, process.platform))]),
  writeText: async (text) => clipboard.writeText(text),
  readText: () => clipboard.readText(),
  clear: () => clipboard.clear(),
};
