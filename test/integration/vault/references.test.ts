import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KernelImitation } from '../../imitations';
import { makeRotationCore, type RotationTestCore } from '../../helpers/rotation/rotation-core';
import { must } from '../../helpers/test-core';
import { formatReference, parseReference } from '../../../shared/domain';

/** References resolve to the head of a key's rotation lineage, on the real core, keychain and kernel.sh imitation. */
describe('keydeck:// references', () => {
  let core: RotationTestCore;
  let server: KernelImitation;
  let wsId: string;
  beforeEach(async () => {
    core = makeRotationCore();
    server = new KernelImitation();
    await server.start();
    const admin = server.seedKey({ name: 'admin' }).secret;
    wsId = (await must(core.api.invoke('workspaces.add', { name: 'Acme', provider: 'kernel-sh', environment: 'dev', baseUrl: server.url }))).id;
    await must(core.api.invoke('workspaces.connect', { id: wsId, secret: admin }));
  });
  afterEach(async () => {
    await server.stop();
    await core.cleanup();
  });

  const resolve = (ref: string, purpose: 'use' | 'manage' = 'use', workspace?: string) => core.api.invoke('refs.resolve', { ref, purpose, ...(workspace ? { workspace } : {}) });

  it('parses and formats references, %-encoding what would end one', () => {
    expect(formatReference('Acme', 'ci-deploy')).toBe('keydeck://Acme/ci-deploy');
    expect(formatReference(null, 'my key/2')).toBe('keydeck://-/my%20key%2F2');
    expect(parseReference('keydeck://-/my%20key%2F2')).toEqual({ workspace: '-', key: 'my key/2' });
    expect(parseReference('KEYDECK://ci')).toEqual({ workspace: null, key: 'ci' });
    expect(parseReference('keydeck://a/b/c')).toBeNull();
  });

  it('resolves by reference, name, handle and id, without case, and follows every rotation to the head', async () => {
    const created = await must(core.api.invoke('keys.create', { workspaceId: wsId, name: 'ci-deploy', expiresInDays: 30 }));
    const first = created.key.id;
    for (const ref of ['keydeck://acme/CI-DEPLOY', 'ci-deploy', `keydeck://${wsId}/ci-deploy`, 'keydeck://ci-deploy', first]) {
      expect((await must(resolve(ref))).key.id, ref).toBe(first);
    }
    expect((await must(resolve('ci-deploy', 'use', 'ACME'))).reference).toBe('keydeck://Acme/ci-deploy');

    const r1 = await must(core.api.invoke('keys.rotate', { id: first, graceSeconds: 3600 }));
    const r2 = await must(core.api.invoke('keys.rotate', { id: r1.newKey.id, graceSeconds: 0 }));
    const head = r2.newKey.id;
    expect(new Set([first, r1.newKey.id, head]).size).toBe(3);
    expect((await must(resolve('keydeck://Acme/ci-deploy'))).key.id).toBe(head);
    // An id names exactly one key: a script pinning the old id keeps the old key while it lives.
    expect((await must(resolve(first, 'manage'))).key.id).toBe(first);
    const ref = await must(core.api.invoke('keys.reference', { id: first }));
    expect(ref).toMatchObject({ reference: 'keydeck://Acme/ci-deploy', resolvesTo: head, problem: null });
  });

  it('refuses an ambiguous name with the candidates and how to tell them apart; a handle settles it and follows rotations', async () => {
    const a = (await must(core.api.invoke('keys.create', { workspaceId: wsId, name: 'deploy' }))).key.id;
    const b = (await must(core.api.invoke('keys.create', { workspaceId: wsId, name: 'Deploy' }))).key.id;
    const amb = await resolve('keydeck://Acme/deploy');
    expect(amb.ok).toBe(false);
    if (amb.ok) return;
    expect(amb.error.code).toBe('conflict');
    expect(amb.error.message).toMatch(/is ambiguous: 2 keys match, and Keydeck never guesses/);
    expect(amb.error.message).toContain(a);
    expect(amb.error.message).toContain(b);
    expect(amb.error.message).toMatch(/keydeck key handle k_\w+ NEW_HANDLE/);
    expect((await must(core.api.invoke('keys.reference', { id: a }))).problem).toMatch(/Give this one a handle/);

    const set = await must(core.api.invoke('keys.setHandle', { id: b, handle: 'deploy-b' }));
    expect(set).toMatchObject({ reference: 'keydeck://Acme/deploy-b', handle: 'deploy-b', resolvesTo: b, problem: null });
    const rotated = (await must(core.api.invoke('keys.rotate', { id: b, graceSeconds: 0 }))).newKey.id;
    expect((await must(resolve('keydeck://acme/DEPLOY-B'))).key.id).toBe(rotated);
    expect((await must(core.api.invoke('keys.reference', { id: rotated }))).reference).toBe('keydeck://Acme/deploy-b');

    // Unique per workspace, and never hiding another key's name.
    const taken = await core.api.invoke('keys.setHandle', { id: a, handle: 'Deploy-B' });
    expect(taken.ok === false && taken.error).toMatchObject({ code: 'conflict', fields: { handle: 'is already used in this workspace' } });
    const c = (await must(core.api.invoke('keys.create', { workspaceId: wsId, name: 'other' }))).key.id;
    const hiding = await core.api.invoke('keys.setHandle', { id: c, handle: 'deploy' });
    expect(hiding.ok === false && hiding.error.message).toMatch(/would hide it/);
  });

  it('a revoked head stops resolving with the date; a name that only a revoked lineage shares does not make a live key ambiguous', async () => {
    const k = (await must(core.api.invoke('keys.create', { workspaceId: wsId, name: 'ci-deploy' }))).key.id;
    await must(core.api.invoke('keys.revoke', { id: k }));
    const gone = await resolve('keydeck://Acme/ci-deploy');
    expect(gone.ok === false && gone.error.message).toMatch(new RegExp(`^keydeck://Acme/ci-deploy was revoked on \\d{4}-\\d\\d-\\d\\d \\(key "ci-deploy", ${k}\\)`));
    expect((await must(resolve('keydeck://Acme/ci-deploy', 'manage'))).key.id).toBe(k);

    const fresh = (await must(core.api.invoke('keys.create', { workspaceId: wsId, name: 'ci-deploy' }))).key.id;
    expect((await must(resolve('keydeck://Acme/ci-deploy'))).key.id).toBe(fresh);
    const manage = await resolve('keydeck://Acme/ci-deploy', 'manage');
    expect(manage.ok).toBe(false);
  });

  it('a synced key without a secret says how to attach one; unknown names and workspaces say what exists', async () => {
    server.seedKey({ name: 'synced-only' });
    await must(core.api.invoke('workspaces.refresh', { id: wsId }));
    const none = await resolve('keydeck://Acme/synced-only');
    expect(none.ok === false && none.error.message).toMatch(/holds no secret for[\s\S]*keydeck import-env FILE[\s\S]*keydeck rotate k_/);
    const unknown = await resolve('keydeck://Acme/nope');
    expect(unknown.ok === false && unknown.error.message).toBe(`No key named "nope" in workspace "Acme". keydeck keys --workspace 'Acme' lists them.`);
    const noWs = await resolve('keydeck://Globex/ci');
    expect(noWs.ok === false && noWs.error.message).toMatch(/^No workspace named "Globex"/);
    const bad = await resolve('keydeck://a/b/c');
    expect(bad.ok === false && bad.error.message).toMatch(/not a reference Keydeck can read/);
  });
});
