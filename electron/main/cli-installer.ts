import type { CliInstaller } from '../core/ports';
import { installCliLink } from './cli-link';

/**
 * Settings' "Install command line tool": the link logic lives in cli-link.ts (plain fs, tested
 * without Electron); this adapts it to the core's port. In a development checkout there is no
 * shipped launcher, and cli-link says so (use `npm link` there).
 */
export const appCliInstaller: CliInstaller = {
  install: async () => {
    const r = installCliLink();
    return { linkPath: r.linkPath, target: r.launcherPath, onPath: r.onPath };
  },
};
