import { dialog, type BrowserWindow } from 'electron';
import type { FilePicker } from '../core/ports';

const TITLES = { 'env-import': 'Import a .env file', usage: 'Choose the .env file that uses this key', 'leak-folder': 'Add a folder to scan for leaked keys', 'leak-file': 'Add a file to scan for leaked keys' } as const;

/**
 * The FilePicker port on Electron's open dialog, sheet-attached to the window. Dotfiles are shown
 * (a `.env` is one), and a chosen symlink is returned as chosen: the core decides what to do with it.
 */
export function electronFilePicker(window: () => BrowserWindow | null): FilePicker {
  return {
    async pickFile(purpose) {
      const options: Electron.OpenDialogOptions = { title: TITLES[purpose], properties: [purpose === 'leak-folder' ? 'openDirectory' : 'openFile', 'showHiddenFiles', 'dontAddToRecent'] };
      const parent = window();
      const r = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
  };
}
