import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { afterEach, describe, expect, it } from 'vitest';
import type { SecretStore } from '../../../electron/core/ports';
import type { KeyringSecretStore } from '../../../electron/core/store/keyring-secret-store';
import { startDemo, type DemoImitations } from '../../imitations';
import { must } from '../../helpers/test-core';
import { auditKinds, connect, makeRotationCore, type RotationTestCore } from '../../helpers/rotation/rotation-core';

const PROBE = 'keydeck-keychain-probe:';

/** `sent(re)` resolves when undici creates a request whose "METHOD path" matches; every outgoing request is listed, and POSTs also in `log`. */
function watchRequests(log: string[]) {
  const seen: string[] = [];
  const waiting: Array<{ test: RegExp; resolve: () => void }> = [];
  const onCreate = (m: unknown) => {
    const { method, path } = (m as { request: { method: string; path: string } }).request;
    const line = `${method} ${path}`;
    seen.push(line);
    if (method === 'POST') log.push(`${method} ${path.replace(/\/api_keys\/[^/]+/, '/api_keys/:id')} sent`);
    for (const w of waiting.splice(0)) {
      if (w.test.test(line)) w.resolve();
      else waiting.push(w);
    }
  };
  subscribe('undici:request:create', onCreate);
  return {
    seen,
    sent: (test: RegExp) => new Promise<void>((resolve) => (seen.some((s) => test.test(s)) ? resolve() : waiting.push({ test, resolve }))),
    stop: () => unsubscribe('undici:request:create', onCreate),
  };
}

/**
 * The real keychain underneath, logging in order, with a gate that makes the overlap observable
 * without timing: the new secret's write finishes only once the service has been asked to verify
 * it. An engine that waited for the write before asking would never be let through (the test
 * would time out).
 */
class GatedKeychain implements SecretStore {
  readonly log: string[] = [];
  secretGate: Promise<void> = Promise.resolve();
  constructor(private readonly real: KeyringSecretStore) {}
  get(account: string) {
    this.log.push('get');
    return this.real.get(account);
  }
  async set(account: string, secret: string) {
    const probe = secret.startsWith(PROBE);
    this.log.push(probe ? 'set probe' : 'set secret');
    if (!probe) await this.secretGate;
    return this.real.set(account, secret);
  }
  async delete(account: string) {
    const found = await this.real.delete(account);
    this.log.push(`delete probe: ${found ? 'found' : 'missing'}`);
    return found;
  }
  find() {
    return this.real.find();
  }
}

let core: RotationTestCore;
let demo: DemoImitations;
let requests: ReturnType<typeof watchRequests>;
afterEach(async () => {
  requests.stop();
  await core.cleanup();
  await demo.stop();
});

/** A kernel.sh workspace with one created key, over the gated keychain, with requests watched from here on. */
async function setup() {
  demo = await startDemo();
  let keychain!: GatedKeychain;
  core = makeRotationCore({ wrapSecrets: (real) => (keychain = new GatedKeychain(real)) });
  const { workspaceId } = await connect(core, demo, 'kernel');
  const created = await must(core.api.invoke('keys.create', { workspaceId, name: 'deploy-bot' }));
  keychain.log.length = 0;
  requests = watchRequests(keychain.log);
  return { keychain, created };
}

describe('a rotation overlaps what does not depend on each other, in the journal’s order', () => {
  it('proves the slot before asking (the probe’s removal found it), and asks to verify while the secret is written', { timeout: 10_000 }, async () => {
    const { keychain, created } = await setup();
    keychain.secretGate = requests.sent(/^GET \/org\/api_keys/);

    const r = await must(core.api.invoke('keys.rotate', { id: created.key.id, graceSeconds: 0 }));

    expect(r.state).toBe('done');
    // The management key is read first; no write is read back; the old secret is not read (no .env recorded).
    expect(keychain.log).toEqual(['get', 'set probe', 'delete probe: found', 'POST /org/api_keys/:id/rotate sent', 'set secret']);
    // The slot holds the new secret, not a probe and not nothing.
    expect(await core.secrets.get(r.newKey.id)).toBe(r.secret);
    expect([...demo.kernel.keys.values()].some((k) => k.plaintext === r.secret && !k.deleted_at)).toBe(true);
    expect(await auditKinds(core, r.newKey.id)).toContain('verified');
    expect(requests.seen.filter((s) => s.startsWith('POST'))).toHaveLength(1);
  });

  it('drops the early verify answer when the keychain refuses the secret: nothing verified, nothing retired, the secret shown once', { timeout: 10_000 }, async () => {
    const { keychain, created } = await setup();
    // The keychain locks once the verify request is out: the secret's writes are refused.
    const locked = requests.sent(/^GET \/org\/api_keys/).then(() => {
      throw new Error('org.freedesktop.Secret.Error.IsLocked');
    });
    locked.catch(() => {});
    keychain.secretGate = locked;

    const r = await core.api.invoke('keys.rotate', { id: created.key.id, graceSeconds: 0 });

    expect(r.ok).toBe(true);
    const result = (r as { value: { state: string; secret: string; warnings?: string[]; newKey: { id: string } } }).value;
    expect(result.state).not.toBe('done');
    expect(JSON.stringify(result)).toContain('NOT stored in the keychain');
    expect(await auditKinds(core, result.newKey.id)).not.toContain('verified');
    // The old key still works: nothing destructive followed a secret the keychain did not take.
    expect([...demo.kernel.keys.values()].some((k) => k.plaintext === created.secret && !k.deleted_at)).toBe(true);
  });
});
