import type { Logger } from './ports';

/**
 * Structured lines on stderr. Callers pass names, ids and codes; nothing here inspects
 * values, so the rule "no secret in a log" is kept where log calls are written.
 */
export function stderrLogger(scope = 'keydeck'): Logger {
  const line = (level: string, message: string, fields?: Record<string, unknown>) =>
    process.stderr.write(`${JSON.stringify({ t: new Date().toISOString(), level, scope, message, ...fields })}\n`);
  return {
    info: (m, f) => line('info', m, f),
    warn: (m, f) => line('warn', m, f),
    error: (m, f) => line('error', m, f),
  };
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
