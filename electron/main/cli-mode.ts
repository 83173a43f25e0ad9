import type { App } from 'electron';
import { runKeydeckCli } from '../cli/run';

/**
 * The installed app has no Node and keeps the RunAsNode fuse off, so the `keydeck` command is the
 * app's own binary started by the launcher (resources/bin/keydeck) with this flag. Chromium's own
 * switches come before `--`; the CLI's arguments after it.
 */
export const CLI_FLAG = '--keydeck-cli';

/** The CLI's arguments when this process was started as the `keydeck` command; null for the app. */
export function cliModeArgs(argv: readonly string[]): string[] | null {
  const at = argv.indexOf(CLI_FLAG);
  if (at < 0) return null;
  const rest = argv.slice(at + 1);
  const separator = rest.indexOf('--');
  return separator >= 0 ? rest.slice(separator + 1) : rest;
}

/**
 * Runs the CLI over the same core as the app, then exits with its code. No window, tray, single-
 * instance lock or `whenReady`: the CLI may run while the app is open, and needs no display.
 */
export function runCliMode(app: Pick<App, 'exit' | 'dock'>, args: string[]): void {
  app.dock?.hide();
  void runKeydeckCli(args)
    .catch((e: unknown) => {
      process.stderr.write(`error: ${e instanceof Error ? e.message : 'Keydeck could not run the command.'}\n`);
      return 1;
    })
    // app.exit ends the process at once: let stdout and stderr drain first (they may be pipes).
    .then(async (code) => {
      await Promise.all([process.stdout, process.stderr].map((s) => new Promise<void>((resolve) => s.write('', () => resolve()))));
      app.exit(code);
    });
}
