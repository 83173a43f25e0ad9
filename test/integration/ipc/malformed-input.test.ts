import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, type Channel } from '../../../shared/contract';
import { clientFor, makeTestCore, must, type TestCore } from '../../helpers/test-core';

/** Inputs no channel accepts: wrong types at the top, and unknown fields. */
const COMMON_BAD: unknown[] = [42, 'keys', null, [], true, { unexpected: 1 }];

/** Per channel: well-formed shapes with a wrong field, the mistakes a buggy renderer would make. */
const SPECIFIC_BAD: Record<Channel, unknown[]> = {
  'providers.list': [{ id: 'x' }],
  'workspaces.list': [{ provider: 'kernle' }],
  'workspaces.add': [{}, { name: '', provider: 'kernle', environment: 'dev' }, { name: 'x', provider: 'github', environment: 'dev' }, { name: 'x', provider: 'kernle', environment: 'qa' }, { name: 'x', provider: 'kernle', environment: 'dev', baseUrl: 'http://evil.example.com' }, { name: 'x'.repeat(81), provider: 'kernle', environment: 'dev' }],
  'workspaces.update': [{}, { id: '../etc' }, { id: 'w_1', environment: 'live' }, { id: 'w_1', color: '#ff0000' }, { id: 'w_1', policy: { maxLifetimeDays: 0 } }, { id: 'w_1', policy: { maxLifetimeDays: 3651 } }, { id: 'w_1', policy: { noNeverExpiring: 'yes' } }, { id: 'w_1', policy: { rotateEveryDays: 1.5 } }],
  'workspaces.remove': [{}, { id: 'w_1', deleteKeys: 'yes' }],
  'workspaces.connect': [{}, { id: 'w_1' }, { id: 'w_1', secret: 'Bearer abc' }, { id: 'w_1', secret: 'sk_1', projectId: '' }, { id: 'w_1', secret: 'sk_1', expiresAt: 'soon' }],
  'workspaces.refresh': [{}, { id: '' }],
  'workspaces.sweep': [{ all: true }],
  'keys.list': [{ query: 5 }, { status: 'expiring' }, { provider: 'github' }, { query: 'x'.repeat(201) }],
  'keys.get': [{}, { id: '' }, { id: 'k 1' }],
  'keys.history': [{}, { id: '' }, { id: 'k 1' }],
  'expiry.unsnooze': [{}, { id: '' }],
  'attention.list': [{ x: 1 }],
  'keys.import': [{}, { name: 'x', provider: 'kernle' }, { name: 'x', provider: 'kernle', secret: 'two words' }, { name: 'x', provider: 'kernle', secret: 'sk-1', expiresAt: 'tomorrow' }, { name: 'x', provider: 'kernle', secret: 'sk-1', scopes: 'read' }, { name: 'x', provider: 'kernle', secret: 'x'.repeat(8193) }],
  'keys.reveal': [{}, { id: 5 }, { id: 'k_1', purpose: 'steal' }],
  'keys.delete': [{}, { id: null }],
  'keys.copy': [{}, { id: 7 }],
  'clipboard.clear': [{ force: true }],
  'audit.list': [{ limit: 0 }, { limit: 1.5 }, { keyId: '' }],
  'settings.get': [{ theme: 'dark' }],
  'settings.update': [{ theme: 'sepia' }, { clipboardClearSeconds: 1 }, { warningDays: [] }, { warningDays: [0] }, { digestHour: 24 }, { launchAtLogin: 'yes' }],
  'expiry.status': [{ all: true }],
  'expiry.check': [{ now: '2027-01-01' }],
  'expiry.snooze': [{}, { id: '' }],
  'expiry.setWarningDays': [{ id: 'k_1' }, { id: 'k_1', days: [400] }, { id: 'k_1', days: 'default' }],
  'keys.create': [{}, { workspaceId: 'w_1' }, { workspaceId: 'w_1', name: 'x', expiresInDays: 0 }, { workspaceId: 'w_1', name: 'x', expiresInDays: 4000 }, { workspaceId: 'w_1', name: 'x', projectId: '' }, { workspaceId: 'w_1', name: 'x', secret: 'sk_1' }],
  'keys.rotate': [{}, { id: 'k_1', graceSeconds: -1 }, { id: 'k_1', graceSeconds: 1.5 }, { id: 'k_1', graceSeconds: '1h' }, { id: 'k_1', expiresInDays: 0 }],
  'keys.revoke': [{}, { id: '' }, { id: 'k_1', confirmName: 5 }],
  'keys.tokenPage': [{}, { workspaceId: '' }, { workspaceId: 'w_1', url: 'https://evil.example.com' }],
  'keys.guidedCreate': [{}, { workspaceId: 'w_1', name: 'x' }, { workspaceId: 'w_1', name: 'x', secret: 'Bearer abc' }, { workspaceId: 'w_1', name: '', secret: 'tok' }, { workspaceId: 'w_1', name: 'x', secret: 'tok', validFrom: '2027-02-01', expiresAt: '2027-01-01' }],
  'keys.guidedRotate': [{}, { id: 'k_1' }, { id: 'k_1', secret: 'Bearer abc' }, { id: 'k_1', secret: 'two words' }, { id: 'k_1', secret: 'tok_1', expiresAt: 'soon' }, { id: 'k_1', secret: 'tok_1', scopes: 'read' }],
  'keys.confirmRevoked': [{}, { id: 7 }],
  'rotations.list': [{ limit: 0 }, { keyId: '' }],
  'rotations.attention': [{ all: true }],
  'rotations.resolve': [{}, { id: 'r_1' }, { id: 'r_1', action: 'explode' }],
  'usages.list': [{}, { keyId: '' }],
  'usages.add': [{}, { keyId: 'k_1', envVar: 'KERNEL API KEY', filePath: '/tmp/.env' }, { keyId: 'k_1', envVar: 'KERNEL_API_KEY', filePath: 'relative/.env' }, { keyId: 'k_1', envVar: 'KERNEL_API_KEY' }],
  'usages.remove': [{}, { id: '' }],
  'refs.resolve': [{}, { ref: '' }, { ref: 'x'.repeat(1025) }, { ref: 'ci', purpose: 'steal' }, { ref: 'ci', workspace: 5 }],
  'refs.workspace': [{}, { ref: '' }],
  'keys.reference': [{}, { id: '' }],
  'keys.copyReference': [{}, { id: 5 }],
  'keys.setHandle': [{}, { id: 'k_1' }, { id: 'k_1', handle: 'two words' }, { id: 'k_1', handle: 'k_shadow' }, { id: 'k_1', handle: '-lead' }],
  'envImport.preview': [{}, { path: 'relative/.env' }, { path: '/tmp/.env', workspaceId: '' }],
  'envImport.apply': [{}, { path: '/tmp/.env' }, { path: '/tmp/.env', planToken: 'guess' }, { path: '/tmp/.env', planToken: 'ep_0123456789abcdef', skip: [0] }, { path: '/tmp/.env', planToken: 'ep_0123456789abcdef', rewrite: 'yes' }],
  'files.pickFile': [{ purpose: 'anything' }],
  'cli.installLink': [{ force: true }],
  'health.overview': [{ workspaceId: '' }, { workspaceId: 'w 1' }, { all: true }],
  'leaks.overview': [{ running: true }],
  'leaks.list': [{ includeResolved: 'yes' }],
  'leaks.addSource': [{}, { path: '' }, { path: 5 }, { path: 'relative/dir' }, { path: '../up' }],
  'leaks.removeSource': [{}, { path: '' }],
  'leaks.scan': [{ paths: 'repo' }, { paths: [''] }, { trigger: 'schedule' }],
  'leaks.resolve': [{}, { id: '' }, { id: 'lf 1' }],
};

describe('every channel rejects malformed input with invalid_input and the app keeps working', () => {
  let core: TestCore;
  let keyId: string;
  beforeAll(async () => {
    core = makeTestCore();
    keyId = (await must(clientFor(core.router).invoke('keys.import', { name: 'survivor', provider: 'kernle', secret: 'sk-survivor-0000000001' }))).id;
  });
  afterAll(() => core.cleanup());

  for (const channel of CHANNELS) {
    it(channel, async () => {
      const bad = [...COMMON_BAD, ...SPECIFIC_BAD[channel]];
      for (const input of bad) {
        const r = await core.router.invoke(channel, input);
        expect(r.ok, `${channel} accepted ${JSON.stringify(input)?.slice(0, 60)}`).toBe(false);
        if (!r.ok) {
          expect(r.error.code).toBe('invalid_input');
          expect(r.error.message).toMatch(/^Invalid [a-zA-Z.]+ request: /);
          expect(Object.keys(r.error.fields ?? {}).length).toBeGreaterThan(0);
        }
      }
    });
  }

  it('still serves valid calls afterwards, with nothing lost', async () => {
    const api = clientFor(core.router);
    expect((await must(api.invoke('keys.list', {}))).map((k) => k.id)).toEqual([keyId]);
    expect(await must(api.invoke('keys.reveal', { id: keyId }))).toMatchObject({ secret: 'sk-survivor-0000000001' });
    expect((await must(api.invoke('providers.list', {}))).map((p) => p.id)).toEqual(['kernel-sh', 'kernle', 'asimov-kernel', 'kinesis', 'other']);
  });
});
