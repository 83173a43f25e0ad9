import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientFor, makeTestCore, must, type TestCore } from '../../helpers/test-core';

describe('finding 12: the small ones', () => {
  let core: TestCore;
  let api: ReturnType<typeof clientFor>;
  beforeEach(() => {
    core = makeTestCore();
    api = clientFor(core.router);
  });
  afterEach(() => core.cleanup());

  it('finding 12: settings.update with a field set to undefined (as Electron delivers it) answers a Result and changes only what was given', async () => {
    const r = await core.router.invoke('settings.update', { theme: undefined, clipboardClearSeconds: 45, warningDays: undefined });
    expect(r.ok).toBe(true);
    const s = await must(api.invoke('settings.get', {}));
    expect(s.clipboardClearSeconds).toBe(45);
    expect(s.theme).toBe('system');
    expect(core.services.settings.update({ theme: undefined } as never).theme).toBe('system');
  });

  it('finding 12: a secret with a lone surrogate is refused at the door, with no keychain item and no row', async () => {
    const r = await core.router.invoke('keys.import', { name: 'garbled', provider: 'kernle', secret: 'sk-half\ud800-000000001' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid_input');
      expect(r.error.fields?.secret).toMatch(/broken character \(half of a UTF-16 pair\) \(U\+D800\) at position 8/);
      expect(r.error.message).not.toContain('sk-half');
    }
    expect(await core.secrets.find()).toEqual([]);
    expect(await must(api.invoke('keys.list', {}))).toEqual([]);
  });

  it.each([
    ['a zero-width space', 'sk-abc\u200bdef-00001', /invisible zero-width character \(U\+200B\) at position 7/],
    ['a right-to-left override', 'sk-abc\u202edef-00001', /text-direction control character \(U\+202E\) at position 7/],
    ['a NUL', 'sk-abc\u0000def-00001', /control character \(U\+0000\) at position 7/],
    ['a non-ASCII letter', 'sk-abcé-00001', /non-ASCII character \(U\+00E9\) at position 7/],
    ['a shell character', 'sk-abc$(id)-00001', /quote, shell or punctuation character no token uses \(U\+0024\) at position 7/],
  ])('finding 1: a pasted secret with %s is refused, naming the class and position, never the secret', async (_what, secret, why) => {
    for (const [channel, input] of [
      ['keys.import', { name: 'x', provider: 'kernle', secret }],
      ['workspaces.connect', { id: 'w_0000000000', secret }],
      ['keys.guidedCreate', { workspaceId: 'w_0000000000', name: 'x', secret }],
      ['keys.guidedRotate', { id: 'k_0000000000', secret }],
    ] as const) {
      const r = await core.router.invoke(channel, input);
      expect(r.ok, channel).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('invalid_input');
        expect(r.error.fields?.secret).toMatch(why);
        expect(r.error.fields?.secret).toContain('Copy the token again');
        expect(JSON.stringify(r)).not.toContain(secret.slice(0, 6));
      }
    }
  });

  it('finding 1: surrounding whitespace is trimmed, not refused', async () => {
    const k = await must(api.invoke('keys.import', { name: 'x', provider: 'kernle', secret: '\t sk-trimmed-000000001 \r\n' }));
    expect(await core.secrets.get(k.id)).toBe('sk-trimmed-000000001');
  });

  it('finding 12: a copy the clipboard refused is not audited as copied, and says so', async () => {
    const key = await must(api.invoke('keys.import', { name: 'c', provider: 'kernle', secret: 'sk-copy-fails-0000001' }));
    core.clipboard.writeConcealed = async () => {
      throw new Error('X11 selection owner went away');
    };
    const r = await core.router.invoke('keys.copy', { id: key.id });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/clipboard refused the copy, so nothing was copied/);
    const audit = await must(api.invoke('audit.list', { keyId: key.id }));
    expect(audit.map((e) => e.kind)).not.toContain('copied');
  });
});
