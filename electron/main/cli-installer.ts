import { AppError } from '../core/errors';
import type { CliInstaller } from '../core/ports';

/**
 * Stand-in until the real installer (electron/main/cli-link.ts, issue 11) is wired here at
 * integration: it says what to do instead, so the Settings button is honest meanwhile.
 */
export const pendingCliInstaller: CliInstaller = {
  install: () => Promise.reject(new AppError('unsupported', 'This build cannot install the command line tool yet. In development, run `npm link` instead.')),
};
