import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OtherImitation } from '../../imitations';
import { must } from '../../helpers/test-core';
import { cliEnv, runCli } from '../../helpers/cli';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditKinds, makeRotationCore, type RotationTestCore } from '../../helpers/rotation/rotation-core';

/**
 * The fifth service, "Other token": any bearer token, described by its workspace (base URL,
 * verify path, expected status, token page, env var). Added as one provider folder; the engines
 * work it from the catalog and its declaration alone.
 */
let core: RotationTestCore;
let api: OtherImitation;
let base: string;
beforeEach(async () => {
  core = makeRotationCore();
  api = new OtherImitation();
  base = await api.start();
});
afterEach(async () => {
  await core.cleanup();
  await api.stop();
});

const addGitHub = () =>
  must(
    core.api.invoke('workspaces.add', {
      name: 'GitHub', provider: 'other', baseUrl: base, environment: 'prod',
      verify: { path: '/user', expectStatus: 200 }, tokenPage: 'https://github.com/settings/tokens', envVar: 'GITHUB_TOKEN',
    }),
  );

describe('"Other token": a bearer token described by its workspace', () => {
  it('is offered by the catalog, and its workspace keeps its own verify call, token page and env var', async () => {
    const providers = await must(core.api.invoke('providers.list', {}));
    expect(providers.find((p) => p.id === 'other')).toMatchObject({ label: 'Other token', baseUrlRule: 'optional', capabilities: { rotate: 'guided', revoke: 'guided' } });
    const ws = await addGitHub();
    expect(ws).toMatchObject({ provider: 'other', verify: { path: '/user', expectStatus: 200 }, tokenPage: 'https://github.com/settings/tokens', envVar: 'GITHUB_TOKEN' });
    expect(await must(core.api.invoke('keys.tokenPage', { workspaceId: ws.id }))).toEqual({ url: 'https://github.com/settings/tokens' });
    // A bad page is refused with the field named.
    const bad = await core.api.invoke('workspaces.add', { name: 'X', provider: 'other', environment: 'dev', tokenPage: 'http://example.com/tokens' });
    expect(bad.ok ? null : bad.error.fields?.tokenPage).toMatch(/https/);
  });

  it('import verifies the token against the workspace\'s call; a wrong paste is refused and nothing is stored', async () => {
    const ws = await addGitHub();
    const wrong = await core.api.invoke('keys.guidedCreate', { workspaceId: ws.id, name: 'ci', secret: 'ghp_wrong-token-1234567890' });
    expect(wrong.ok ? null : wrong.error.code).toBe('auth_failed');
    expect(await must(core.api.invoke('keys.list', { workspaceId: ws.id }))).toHaveLength(0);

    const token = api.issue('octocat');
    const key = await must(core.api.invoke('keys.guidedCreate', { workspaceId: ws.id, name: 'ci', secret: token, expiresAt: new Date(core.clock.now().getTime() + 2 * 86_400_000).toISOString() }));
    expect(key).toMatchObject({ provider: 'other', hasSecret: true });
    expect(await core.secrets.get(key.id)).toBe(token);
    expect(await auditKinds(core, key.id)).toContain('verified');
    // The expiry the user entered drives the warnings: 2 days left is in the 3-day tier.
    const status = await must(core.api.invoke('expiry.status', {}));
    const entry = status.entries.find((e) => e.keyId === key.id)!;
    expect(entry.provider).toBe('other');
    expect(entry.severity).toBeGreaterThan(0);
  });

  it('guided rotation: paste the new token, it is verified and stored, and the old one is confirmed revoked only once it answers 401/403', async () => {
    const ws = await addGitHub();
    const oldToken = api.issue('octocat');
    const old = await must(core.api.invoke('keys.guidedCreate', { workspaceId: ws.id, name: 'deploy', secret: oldToken }));
    const newToken = api.issue('octocat');
    const result = await must(core.api.invoke('keys.guidedRotate', { id: old.id, secret: newToken }));
    expect(result).toMatchObject({ state: 'done', retire: { method: 'web-ui', tokenPage: 'https://github.com/settings/tokens' } });
    expect(result.secret).toBeUndefined();
    expect(await core.secrets.get(result.newKey.id)).toBe(newToken);

    // Not revoked yet: the old token still works, so Keydeck will not take the user's word for it.
    const early = await core.api.invoke('keys.confirmRevoked', { id: old.id });
    expect(early.ok ? null : early.error.code).toBe('conflict');
    api.rejectWith = 403;
    api.revoke(oldToken);
    const confirmed = await must(core.api.invoke('keys.confirmRevoked', { id: old.id }));
    expect(confirmed.state).toBe('revoked');
    expect(await core.secrets.get(old.id)).toBeNull();
  });

  it('guided revoke of a token: handed to the token page, confirmed by a 401', async () => {
    const ws = await addGitHub();
    const token = api.issue('octocat');
    const key = await must(core.api.invoke('keys.guidedCreate', { workspaceId: ws.id, name: 'script', secret: token }));
    const pending = await must(core.api.invoke('keys.revoke', { id: key.id, confirmName: 'script' }));
    expect(pending).toMatchObject({ state: 'pending-web-ui', tokenPage: 'https://github.com/settings/tokens' });
    api.revoke(token);
    expect((await must(core.api.invoke('keys.confirmRevoked', { id: key.id }))).state).toBe('revoked');
  });

  it('without a base URL the token is kept unchecked, and a revocation cannot be "confirmed" by guessing', async () => {
    const ws = await must(core.api.invoke('workspaces.add', { name: 'Stripe', provider: 'other', environment: 'dev', envVar: 'STRIPE_API_KEY' }));
    expect(ws.baseUrl).toBe('');
    const key = await must(core.api.invoke('keys.guidedCreate', { workspaceId: ws.id, name: 'payments', secret: 'sk_test_0123456789abcdefghij' }));
    expect(await auditKinds(core, key.id)).not.toContain('verified');
    await must(core.api.invoke('keys.revoke', { id: key.id }));
    const r = await core.api.invoke('keys.confirmRevoked', { id: key.id });
    expect(r.ok ? null : r.error.code).toBe('unsupported');
    expect(r.ok ? '' : r.error.message).toMatch(/no verify call/);
  });

  it('keydeck run takes its reference: the workspace\'s env var by default, and the new token after a guided rotation', async () => {
    const ws = await addGitHub();
    const first = api.issue('octocat');
    const key = await must(core.api.invoke('keys.guidedCreate', { workspaceId: ws.id, name: 'deploy-bot', secret: first }));
    // The probe gets a hash on its command line, never the token.
    const probe = join(mkdtempSync(join(tmpdir(), 'keydeck-probe-')), 'probe.mjs');
    writeFileSync(probe, 'import { createHash } from "node:crypto"; const v = process.env.GITHUB_TOKEN ?? ""; process.stdout.write(createHash("sha256").update(v).digest("hex") === process.argv[2] ? "match" : "no match");');
    const hash = (t: string) => createHash('sha256').update(t).digest('hex');
    const env = cliEnv(core.dataDir, core.service);
    const before = await runCli(['run', '-e', 'keydeck://github/deploy-bot', '--', process.execPath, probe, hash(first)], { env });
    expect(before).toMatchObject({ code: 0, stdout: 'match', stderr: '' });

    const second = api.issue('octocat');
    await must(core.api.invoke('keys.guidedRotate', { id: key.id, secret: second }));
    const after = await runCli(['run', '-e', 'GITHUB_TOKEN=keydeck://github/deploy-bot', '--', process.execPath, probe, hash(second)], { env });
    expect(after).toMatchObject({ code: 0, stdout: 'match', stderr: '' });
  });
});
