import { describe, expect, it, vi } from 'vitest';
import { createRouter, type Handlers } from '../../../electron/core/ipc/router';
import { AppError } from '../../../electron/core/errors';
import type { Logger } from '../../../electron/core/ports';

const logger = (): Logger & { lines: unknown[] } => {
  const lines: unknown[] = [];
  return { lines, info: (m, f) => lines.push([m, f]), warn: (m, f) => lines.push([m, f]), error: (m, f) => lines.push([m, f]) };
};

function handlers(overrides: Partial<Handlers>): Handlers {
  const missing = () => {
    throw new Error('not under test');
  };
  return new Proxy(overrides, { get: (t, k) => (t as Record<string, unknown>)[k as string] ?? missing }) as Handlers;
}

const key = {
  id: 'k_1', workspaceId: null, provider: 'kernle', name: 'n', masked: 'm', remoteId: null, scopes: [], projectId: null,
  createdAt: 'c', expiresAt: null, validFrom: null, lastUsedAt: null, revokedAt: null, graceUntil: null, status: 'active', hasSecret: true, source: 'imported',
} as const;

describe('router', () => {
  it('strips fields the output schema does not declare, so an internal field cannot leak', async () => {
    const r = createRouter(handlers({ 'keys.get': () => ({ ...key, secret: 'sk-should-not-cross', fingerprint: 'abc' }) as never }), logger());
    const res = await r.invoke('keys.get', { id: 'k_1' });
    expect(res.ok).toBe(true);
    expect(JSON.stringify(res)).not.toContain('sk-should-not-cross');
    expect(JSON.stringify(res)).not.toContain('fingerprint');
  });

  it('returns AppError codes and messages as they are', async () => {
    const r = createRouter(handlers({ 'keys.get': () => { throw new AppError('not_found', 'No key with id k_1.'); } }), logger());
    expect(await r.invoke('keys.get', { id: 'k_1' })).toEqual({ ok: false, error: { code: 'not_found', message: 'No key with id k_1.' } });
  });

  it('hides the text of unexpected errors from the caller and the log', async () => {
    const log = logger();
    const r = createRouter(handlers({ 'keys.get': () => { throw new Error('sqlite said sk-live-SECRET'); } }), log);
    const res = await r.invoke('keys.get', { id: 'k_1' });
    expect(res).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(res)).not.toContain('SECRET');
    expect(JSON.stringify(log.lines)).not.toContain('SECRET');
  });

  it('reports an answer that fails its own schema as internal, not as success', async () => {
    const r = createRouter(handlers({ 'keys.get': () => ({ id: 'k_1' }) as never }), logger());
    expect(await r.invoke('keys.get', { id: 'k_1' })).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('refuses unknown channels without calling anything', async () => {
    const spy = vi.fn();
    const r = createRouter(handlers({ 'keys.get': spy }), logger());
    expect(await r.invoke('keys.steal', {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(await r.invoke({ toString: () => 'keys.get' }, { id: 'k_1' })).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(spy).not.toHaveBeenCalled();
  });

  it('never echoes an input value in a validation message', async () => {
    const r = createRouter(handlers({}), logger());
    const secret = 'sk_live_please_do_not_echo_me';
    const res = await r.invoke('keys.import', { name: secret, provider: secret, secret: 42 });
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(JSON.stringify(res)).not.toContain(secret);
  });
});
