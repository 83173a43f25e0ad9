import { describe, expect, it } from 'vitest';
import { argvSecretWarning } from '../../../electron/cli/argv-secret-warning';

describe('finding 12: a secret passed to `keydeck call` in argv', () => {
  it('finding 12: warns when the JSON from argv has a secret or token field, and says to use stdin', () => {
    const w = argvSecretWarning('keys.import', { name: 'x', provider: 'kernle', secret: 'sk-in-argv-000001' }, 'argv');
    expect(w).toMatch(/^warning: the JSON on the command line holds "secret"/);
    expect(w).toContain('keydeck call keys.import -');
    expect(w).not.toContain('sk-in-argv-000001');
    expect(argvSecretWarning('x.y', { nested: { token: 'abc' } }, 'argv')).toMatch(/"nested\.token"/);
  });

  it('finding 12: stays quiet for stdin, and for inputs without a secret', () => {
    expect(argvSecretWarning('keys.import', { secret: 'sk-on-stdin-00001' }, 'stdin')).toBeNull();
    expect(argvSecretWarning('keys.list', { query: 'web' }, 'argv')).toBeNull();
    expect(argvSecretWarning('keys.list', null, 'argv')).toBeNull();
    expect(argvSecretWarning('keys.import', { secret: '' }, 'argv')).toBeNull();
  });
});
