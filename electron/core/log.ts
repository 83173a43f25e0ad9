import type { Logger } from './ports';

/**
 * Structured lines on stderr. Callers pass names, ids and codes; nothing here inspects
 * values, so the rule "no secret in a log" is kept where log calls are written.
 */
const LEVELS = { info: 0, warn: 1, error: 2 } as const;
type Level = keyof typeof LEVELS;

/** `KEYDECK_LOG=info|warn|error` overrides the caller's default (the CLI keeps a terminal quiet: warn). */
export function stderrLogger(scope = 'keydeck', defaultLevel: Level = 'info', env: NodeJS.ProcessEnv = process.env): Logger {
  const wanted = env.KEYDECK_LOG as Level | undefined;
  const min = LEVELS[wanted && wanted in LEVELS ? wanted : defaultLevel];
  const line = (level: Level, message: string, fields?: Record<string, unknown>) => {
    if (LEVELS[level] >= min) process.stderr.write(`${JSON.stringify({ t: new Date().toISOString(), level, scope, message, ...fields })}\n`);
  };
  return {
    info: (m, f) => line('info', m, f),
    warn: (m, f) => line('warn', m, f),
    error: (m, f) => line('error', m, f),
  };
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
