import { describe, expect, it, vi } from 'vitest';

const showOpenDialog = vi.fn();
vi.mock('electron', () => ({ dialog: { showOpenDialog } }));
const { electronFilePicker } = await import('../../../electron/main/file-picker');
const { appCliInstaller } = await import('../../../electron/main/cli-installer');

describe('the FilePicker port on Electron\'s open dialog', () => {
  it('attaches to the window, shows dotfiles, and returns the chosen path', async () => {
    const win = { id: 1 };
    showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/home/ada/billing/.env'] });
    expect(await electronFilePicker(() => win as never).pickFile('env-import')).toBe('/home/ada/billing/.env');
    const [parent, options] = showOpenDialog.mock.calls[0]!;
    expect(parent).toBe(win);
    expect(options).toMatchObject({ title: 'Import a .env file', properties: expect.arrayContaining(['openFile', 'showHiddenFiles']) });
  });

  it('answers null when the user cancels', async () => {
    showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    expect(await electronFilePicker(() => null).pickFile('usage')).toBeNull();
  });
});

describe('the CLI installer in a development run (no shipped launcher)', () => {
  it('says what to do instead, as an AppError the router passes on', async () => {
    await expect(appCliInstaller.install()).rejects.toMatchObject({ code: 'unsupported', message: expect.stringContaining('run `npm link` instead') });
  });
});
