/** Field names that hold a secret in some channel's input (`secret` today; `token` and kin by habit). */
const SECRET_FIELD = /^(secret|token|api[_-]?key|password|new[_-]?secret|management[_-]?key)$/i;

function secretFields(value: unknown, path: string[] = [], depth = 0): string[] {
  if (depth > 6 || !value || typeof value !== 'object') return [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    const here = [...path, k];
    if (SECRET_FIELD.test(k) && typeof v === 'string' && v !== '') out.push(here.join('.'));
    out.push(...secretFields(v, here, depth + 1));
  }
  return out;
}

/**
 * `keydeck call CHANNEL '{"secret": …}'` puts the secret in argv, which any local user can read
 * while the command runs (`/proc/PID/cmdline`, `ps`) and which shells keep in their history.
 * The call still runs (refusing would break scripts that already do it); the user is told how
 * to pass it safely. Returns the warning for stderr, or null when there is nothing to warn about.
 */
export function argvSecretWarning(channel: string, input: unknown, source: 'argv' | 'stdin'): string | null {
  if (source !== 'argv') return null;
  const fields = secretFields(input);
  if (fields.length === 0) return null;
  const named = fields.map((f) => `"${f}"`).join(', ');
  return `warning: the JSON on the command line holds ${named}; a command line is visible to other local users (ps, /proc) and kept in shell history. Pass it on stdin instead: echo '{…}' | keydeck call ${channel} -`;
}
