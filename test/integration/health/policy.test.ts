import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDemo, type DemoImitations } from '../../imitations';
import { must } from '../../helpers/test-core';
import { connect, makeRotationCore, type RotationTestCore } from '../../helpers/rotation/rotation-core';

const DAY = 86_400_000;
const PROD = { maxLifetimeDays: 90, noNeverExpiring: true };

let core: RotationTestCore;
let demo: DemoImitations;
beforeEach(async () => {
  core = makeRotationCore();
  demo = await startDemo();
});
afterEach(async () => {
  await core.cleanup();
  await demo.stop();
});

const lifetimeDays = (k: { createdAt: string; expiresAt: string | null }) => (k.expiresAt ? Math.round((Date.parse(k.expiresAt) - Date.parse(k.createdAt)) / DAY) : null);

describe('a workspace lifetime policy, enforced by the core for every caller (the IPC contract)', () => {
  it('is stored with the workspace, audited, and refused where the service cannot follow it', async () => {
    const { workspaceId } = await connect(core, demo, 'kernel', 'prod');
    const ws = await must(core.api.invoke('workspaces.update', { id: workspaceId, policy: PROD }));
    expect(ws.policy).toEqual({ maxLifetimeDays: 90, noNeverExpiring: true, rotateEveryDays: null });
    expect((await must(core.api.invoke('workspaces.list', {}))).find((w) => w.id === workspaceId)?.policy.maxLifetimeDays).toBe(90);
    const audit = await must(core.api.invoke('audit.list', { workspaceId }));
    expect(audit.map((e) => e.summary)).toContain('Changed the lifetime policy from none to at most 90 days, no never-expiring keys of workspace "Acme kernel"');

    // kernel.sh keys expire: a rotation age is the wrong rule for them, and the refusal says which fits.
    const wrong = await core.api.invoke('workspaces.update', { id: workspaceId, policy: { rotateEveryDays: 30 } });
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.error.message).toMatch(/set a maximum lifetime/);
    const { workspaceId: kernleWs } = await connect(core, demo, 'kernle');
    const wrong2 = await core.api.invoke('workspaces.update', { id: kernleWs, policy: { maxLifetimeDays: 90 } });
    expect(wrong2.ok).toBe(false);
    if (!wrong2.ok) expect(wrong2.error).toMatchObject({ code: 'invalid_input', fields: { 'policy.maxLifetimeDays': expect.stringContaining('never expire') } });
  });

  it('create: allowed at the limit, refused one day above and for "never", naming the rule; nothing is created at the service', async () => {
    const { workspaceId } = await connect(core, demo, 'kernel', 'prod');
    await must(core.api.invoke('workspaces.update', { id: workspaceId, policy: PROD }));
    const before = demo.kernel.getStats().byRoute['POST /org/api_keys'] ?? 0;

    const over = await core.api.invoke('keys.create', { workspaceId, name: 'too-long', expiresInDays: 91 });
    expect(over).toMatchObject({ ok: false, error: { code: 'policy_violation', fields: { expiresInDays: 'must be at most 90 days (workspace policy)' } } });
    if (!over.ok) expect(over.error.message).toBe('Workspace “Acme kernel” allows keys of at most 90 days (policy: maximum lifetime). Choose a shorter lifetime, or change the workspace\'s policy.');
    const never = await core.api.invoke('keys.create', { workspaceId, name: 'forever', expiresInDays: null });
    expect(never).toMatchObject({ ok: false, error: { code: 'policy_violation' } });
    if (!never.ok) expect(never.error.message).toContain('(policy: no never-expiring keys)');
    // Absent means "never" for kernel.sh: refused the same way.
    expect((await core.api.invoke('keys.create', { workspaceId, name: 'forever2' })).ok).toBe(false);
    expect(demo.kernel.getStats().byRoute['POST /org/api_keys'] ?? 0).toBe(before);

    const atLimit = await must(core.api.invoke('keys.create', { workspaceId, name: 'ok-90', expiresInDays: 90 }));
    expect(lifetimeDays(atLimit.key)).toBe(90);
  });

  it('rotate: an explicit lifetime above the limit is refused; an inherited one that breaks it becomes the maximum, said in a warning', async () => {
    const { workspaceId } = await connect(core, demo, 'kernel', 'prod');
    const long = await must(core.api.invoke('keys.create', { workspaceId, name: 'yearly', expiresInDays: 365 }));
    await must(core.api.invoke('workspaces.update', { id: workspaceId, policy: PROD }));

    const refused = await core.api.invoke('keys.rotate', { id: long.key.id, expiresInDays: 120 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'policy_violation', fields: { expiresInDays: 'must be at most 90 days (workspace policy)' } } });
    expect((await must(core.api.invoke('keys.get', { id: long.key.id }))).supersededBy).toBeNull();
    expect((await core.api.invoke('keys.rotate', { id: long.key.id, expiresInDays: null })).ok).toBe(false);

    const r = await must(core.api.invoke('keys.rotate', { id: long.key.id, graceSeconds: 0 }));
    expect(lifetimeDays(r.newKey)).toBe(90);
    expect(r.warning).toContain('The new key expires in 90 days: Workspace “Acme kernel” allows keys of at most 90 days (policy: maximum lifetime).');
    const r2 = await must(core.api.invoke('keys.rotate', { id: r.newKey.id, graceSeconds: 0, expiresInDays: 30 }));
    expect(lifetimeDays(r2.newKey)).toBe(30);
  });

  it('guided services: the expiry the user typed is checked the same way, before the token is stored', async () => {
    const { workspaceId } = await connect(core, demo, 'asimov', 'prod');
    await must(core.api.invoke('workspaces.update', { id: workspaceId, policy: { maxLifetimeDays: 30 } }));
    const user = [...demo.asimov.users.keys()][0]!;
    const now = core.clock.now().getTime();
    const date = (days: number) => new Date(now + days * DAY).toISOString().slice(0, 10);

    const t1 = demo.asimov.issueToken(user, { name: 'yearly', scopes: ['read'], expiresInDays: 365 });
    const over = await core.api.invoke('keys.guidedCreate', { workspaceId, name: 'yearly', secret: t1.secret, scopes: ['read'], expiresAt: date(365) });
    expect(over).toMatchObject({ ok: false, error: { code: 'policy_violation', fields: { expiresAt: 'must be at most 30 days (workspace policy)' } } });
    const none = await core.api.invoke('keys.guidedCreate', { workspaceId, name: 'forever', secret: t1.secret, scopes: ['read'] });
    expect(none).toMatchObject({ ok: false, error: { code: 'policy_violation' } });
    expect((await must(core.api.invoke('keys.list', { workspaceId }))).map((k) => k.name)).not.toContain('yearly');

    const t2 = demo.asimov.issueToken(user, { name: 'monthly', scopes: ['read'], expiresInDays: 30 });
    const ok = await must(core.api.invoke('keys.guidedCreate', { workspaceId, name: 'monthly', secret: t2.secret, scopes: ['read'], expiresAt: date(30) }));
    const t3 = demo.asimov.issueToken(user, { name: 'monthly-2', scopes: ['read'], expiresInDays: 90 });
    expect(await core.api.invoke('keys.guidedRotate', { id: ok.id, secret: t3.secret, expiresAt: date(90) })).toMatchObject({ ok: false, error: { code: 'policy_violation' } });
  });
});
