import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientFor, makeTestCore, must, type TestCore } from '../../helpers/test-core';

describe('copying a secret', () => {
  let core: TestCore;
  let api: ReturnType<typeof clientFor>;
  let keyId: string;
  const secret = 'sk_copy_me_0000000000000000000000';
  beforeEach(async () => {
    core = makeTestCore();
    api = clientFor(core.router);
    keyId = (await must(api.invoke('keys.import', { name: 'ci', provider: 'kernel-sh', secret }))).id;
  });
  afterEach(() => core.cleanup());

  it('puts the secret on the clipboard in main, returns only when it clears, and audits the copy', async () => {
    const r = await must(api.invoke('keys.copy', { id: keyId }));
    expect(r).toEqual({ id: keyId, clearsAt: '2026-11-23T12:00:30.000Z' });
    expect(JSON.stringify(r)).not.toContain(secret);
    expect(core.clipboard).toMatchObject({ text: secret, concealed: true });
    expect(core.events).toContainEqual({ name: 'clipboard.changed', payload: { keyId, clearsAt: '2026-11-23T12:00:30.000Z' } });
    expect((await must(api.invoke('audit.list', { keyId })))[0]).toMatchObject({ kind: 'copied' });
  });

  it('clears after the configured delay', async () => {
    await must(api.invoke('settings.update', { clipboardClearSeconds: 10 }));
    await must(api.invoke('keys.copy', { id: keyId }));
    expect(core.timers.pending.map((t) => t.ms)).toContain(10_000);
    const clearTimer = core.timers.pending.find((t) => t.ms === 10_000)!;
    core.timers.pending = core.timers.pending.filter((t) => t !== clearTimer);
    clearTimer.fn();
    await new Promise((resolve) => setImmediate(resolve)); // let the clear's clipboard read settle
    expect(core.clipboard.text).toBe('');
    expect(core.events.at(-1)).toEqual({ name: 'clipboard.changed', payload: { keyId: null, clearsAt: null } });
  });

  it('leaves the clipboard alone if the user copied something else meanwhile', async () => {
    await must(api.invoke('keys.copy', { id: keyId }));
    core.clipboard.text = 'something the user copied later';
    expect(await must(api.invoke('clipboard.clear', {}))).toEqual({ cleared: false });
    expect(core.clipboard.text).toBe('something the user copied later');
  });

  it('a second copy replaces the first timer instead of adding one', async () => {
    await must(api.invoke('keys.copy', { id: keyId }));
    await must(api.invoke('keys.copy', { id: keyId }));
    expect(core.timers.pending.filter((t) => t.ms === 30_000)).toHaveLength(1);
  });
});
