import { AppError } from './errors';
import type { CliInstaller, FilePicker } from './ports';

/** Where no shell offers a file dialog (the CLI, a headless core): say what to do instead. */
export const noFilePicker: FilePicker = {
  pickFile: () => Promise.reject(new AppError('unsupported', 'There is no file dialog here: pass the file path instead.')),
};

export const noCliInstaller: CliInstaller = {
  install: () => Promise.reject(new AppError('unsupported', 'Installing the command line tool is offered by the packaged app. In development, run `npm link` instead.')),
};
