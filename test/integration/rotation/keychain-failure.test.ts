import { afterEach, describe, expect, it } from 'vitest';
import { runProgram } from '../../../electron/cli/program';
import { setSinks } from '../../../electron/cli/output';
import type { SecretStore } from '../../../electron/core/ports';
import type { KeyringSecretStore } from '../../../electron/core/store/keyring-secret-store';
import { startDemo, type DemoImitations } from '../../imitations';
import { must } from '../../helpers/test-core';
import { auditKinds, connect, makeRotationCore, type RotationTestCore } from '../../helpers/rotation/rotation-core';

/**
 * Issue 15, finding 6: a keychain that fails during a Kernle cycle of the workspace's own
 * management key must not lock the user out. The real keychain sits underneath; the wrapper
 * refuses writes on command, as a keychain that locks mid-operation does.
 */
class FailingKeychain implements SecretStore {
  /** 'never' = pass through; 'secrets' = refuse real values (a probe still passes); 'all' = refuse every write; 'drops' = take every write and keep none. */
  mode: 'never' | 'secrets' | 'all' | 'drops' = 'never';
  refused = 0;
  constructor(private readonly real: KeyringSecretStore) {}
  get(account: string) {
    return this.real.get(account);
  }
  onSet = () => {};
  async set(account: string, secret: string) {
    this.onSet();
    if (this.mode === 'all' || (this.mode === 'secrets' && !secret.startsWith('keydeck-keychain-probe:'))) {
      this.refused++;
      throw new Error('org.freedesktop.Secret.Error.IsLocked');
    }
    if (this.mode === 'drops') return;
    return this.real.set(account, secret);
  }
  delete(account: string) {
    return this.real.delete(account);
  }
  find() {
    return this.real.find();
  }
}

let core: RotationTestCore;
let demo: DemoImitations;
let keychain: FailingKeychain;
afterEach(async () => {
  await core.cleanup();
  await demo.stop();
});

async function setup() {
  demo = await startDemo();
  core = makeRotationCore({ wrapSecrets: (real) => (keychain = new FailingKeychain(real)) });
  return connect(core, demo, 'kernle');
}

const activeAt = (secret: string) => [...demo.kernle.keys.values()].some((k) => k.plaintext === secret && k.is_active);

describe('keychain failure around an irreversible provider call', () => {
  const probeCases = [
    ['refuses the probe', 'all', /refused a test write.*did not ask the service.*nothing was changed/],
    ['takes the probe without keeping it', 'drops', /took a test write but did not keep it.*did not ask the service.*nothing was changed/],
  ] as const;
  for (const [what, mode, message] of probeCases) {
    it(`a keychain that ${what} stops the cycle before Kernle is called: nothing changes`, async () => {
      const { managementKeyId } = await setup();
      const before = await core.secrets.get(managementKeyId);
      const cycles = () => demo.kernle.getStats().byRoute['POST /auth/keys/:id/cycle'] ?? 0;
      keychain.mode = mode;
      const r = await core.api.invoke('keys.rotate', { id: managementKeyId });
      expect(r.ok ? null : r.error.code).toBe('keychain_unavailable');
      expect(r.ok ? '' : r.error.message).toMatch(message);
      expect(cycles()).toBe(0);
      expect(activeAt(before!)).toBe(true);
      expect(await core.secrets.get(managementKeyId)).toBe(before);
    });
  }

  it('a management key gone from the keychain fails the rotation in its journal before anything is written or asked', async () => {
    const { managementKeyId } = await setup();
    const cycles = () => demo.kernle.getStats().byRoute['POST /auth/keys/:id/cycle'] ?? 0;
    const secret = (await core.secrets.get(managementKeyId))!;
    await core.secrets.delete(managementKeyId);
    let writes = 0;
    keychain.onSet = () => writes++;
    const r = await core.api.invoke('keys.rotate', { id: managementKeyId });
    expect(r.ok ? null : r.error.code).toBe('not_found');
    expect(r.ok ? '' : r.error.message).toMatch(/no longer holds the management key/);
    expect(cycles()).toBe(0);
    expect(writes).toBe(0);
    expect(activeAt(secret)).toBe(true);
    const [last] = await must(core.api.invoke('rotations.list', { keyId: managementKeyId, limit: 1 }));
    expect(last).toMatchObject({ step: 'journal', state: 'failed', errorCode: 'not_found' });
    expect(await auditKinds(core, managementKeyId)).toContain('failed');
  });

  it('a write refused after the cycle keeps the new management key: shown once, flagged, stored on retry; never dropped', async () => {
    const { workspaceId, managementKeyId } = await setup();
    const oldSecret = (await core.secrets.get(managementKeyId))!;
    keychain.mode = 'secrets';
    const result = await must(core.api.invoke('keys.rotate', { id: managementKeyId }));

    // Kernle cycled it: the old key is dead, the new one works, and the user has it.
    expect(activeAt(oldSecret)).toBe(false);
    expect(result.secret).toMatch(/^knl_sk_[0-9a-f]{32}$/);
    expect(activeAt(result.secret!)).toBe(true);
    expect(result.state).toBe('needs_attention');
    expect(result.warning).toMatch(/NOT stored in the keychain/);
    expect(keychain.refused).toBe(2);
    // Not in the keychain, and (as ever) not on disk.
    expect(await core.secrets.get(result.newKey.id)).toBeNull();
    expect(core.dbBytes()).not.toContain(result.secret!);
    expect(result.newKey.hasSecret).toBe(false);

    const items = await must(core.api.invoke('rotations.attention', {}));
    const item = items.find((i) => i.rotationId === result.rotationId)!;
    expect(item.message).toMatch(/NOT stored in the keychain/);
    expect(item.message).not.toContain(result.secret!);
    expect(item.actions).toContain('retry');

    // The keychain is unlocked again: "Retry" stores the secret Keydeck kept in memory, and the rotation finishes.
    keychain.mode = 'never';
    const resolved = await must(core.api.invoke('rotations.resolve', { id: item.id, action: 'retry' }));
    expect(resolved.resolved).toBe(true);
    expect(await core.secrets.get(result.newKey.id)).toBe(result.secret);
    const ws = (await must(core.api.invoke('workspaces.list', {}))).find((w) => w.id === workspaceId)!;
    expect(ws.managementKeyId).toBe(result.newKey.id);
    const refreshed = await must(core.api.invoke('workspaces.refresh', { id: workspaceId }));
    expect(refreshed.listed).toBe(true);
    expect((await must(core.api.invoke('rotations.attention', {}))).some((i) => i.rotationId === result.rotationId)).toBe(false);
  });

  it('after a restart (memory gone), connecting again with the secret that was shown stores it', async () => {
    const { workspaceId, managementKeyId } = await setup();
    keychain.mode = 'secrets';
    const result = await must(core.api.invoke('keys.rotate', { id: managementKeyId }));
    core.close();
    core = makeRotationCore({ dataDir: core.dataDir, service: core.service });
    const report = await must(core.api.invoke('workspaces.connect', { id: workspaceId, secret: result.secret! }));
    expect(report.managementKeyId).toBe(result.newKey.id);
    expect(await core.secrets.get(result.newKey.id)).toBe(result.secret);
    expect((await must(core.api.invoke('keys.get', { id: result.newKey.id }))).hasSecret).toBe(true);
  });

  it('the CLI prints the secret the keychain refused once on stdout, and what to do on stderr', async () => {
    const { managementKeyId } = await setup();
    keychain.mode = 'secrets';
    let stdout = '';
    let stderr = '';
    const prev = setSinks({ out: (t) => (stdout += t), err: (t) => (stderr += t) });
    let code: number;
    try {
      code = await runProgram(['rotate', managementKeyId], { router: async () => core.router, core: async () => core, readSecret: async () => '', readStdin: async () => '', close: () => {} });
    } finally {
      setSinks(prev);
    }
    const out = stdout.split('\n').filter(Boolean);
    const err = stderr.split('\n').filter(Boolean);
    expect(code).toBe(0);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^knl_sk_[0-9a-f]{32}$/);
    expect(activeAt(out[0]!)).toBe(true);
    expect(err.join('\n')).toMatch(/^warning: .*NOT stored in the keychain/);
    expect(err.join('\n')).not.toContain(out[0]!);
  });
});
