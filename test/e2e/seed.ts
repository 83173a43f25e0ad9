/** A lived-in vault for the layout and accessibility specs: several services, environments, states and name lengths. */
import { randomBytes } from 'node:crypto';
import type { Core } from '../../electron/core/create-core';
import { clientFor, must } from '../helpers/test-core';

const secret = (prefix: string) => `${prefix}${randomBytes(18).toString('hex')}`;

export interface Seeded {
  workspaces: Record<'acmeProd' | 'acmeStaging' | 'lab' | 'research', string>;
}

export async function seedVault(core: Core): Promise<Seeded> {
  const c = clientFor(core.router);
  const add = async (name: string, provider: 'kernel-sh' | 'kernle' | 'asimov-kernel', environment: 'dev' | 'staging' | 'prod', color: 'violet' | 'teal' | 'amber' | 'blue') =>
    (await must(c.invoke('workspaces.add', { name, provider, environment, color }))).id;
  const workspaces = {
    acmeProd: await add('Acme prod', 'kernel-sh', 'prod', 'violet'),
    acmeStaging: await add('Acme staging', 'kernel-sh', 'staging', 'teal'),
    lab: await add('Lab', 'kernle', 'dev', 'amber'),
    research: await add('Research cluster', 'asimov-kernel', 'staging', 'blue'),
  };
  const keys: Array<{ name: string; provider: 'kernel-sh' | 'kernle' | 'asimov-kernel'; ws?: string; prefix: string; expiresAt?: string; scopes?: string[]; projectId?: string }> = [
    { name: 'local-kernel', provider: 'kernel-sh', ws: workspaces.acmeStaging, prefix: 'sk_live_', expiresAt: '2026-12-03' },
    { name: 'prod-payments-api', provider: 'kernel-sh', ws: workspaces.acmeProd, prefix: 'sk_live_', expiresAt: '2027-05-01', projectId: 'proj_payments' },
    { name: 'ci-release-bot', provider: 'kernel-sh', ws: workspaces.acmeProd, prefix: 'sk_live_', expiresAt: '2026-11-25' },
    { name: 'staging-deploy', provider: 'kernel-sh', ws: workspaces.acmeStaging, prefix: 'sk_live_', expiresAt: '2027-02-14' },
    { name: 'local-kernle', provider: 'kernle', ws: workspaces.lab, prefix: 'kn_test_' },
    { name: 'notebook-runner', provider: 'kernle', ws: workspaces.lab, prefix: 'kn_test_' },
    { name: 'research-readonly', provider: 'asimov-kernel', ws: workspaces.research, prefix: 'ak_', expiresAt: '2027-01-10', scopes: ['read'] },
    { name: 'gpu-scheduler', provider: 'asimov-kernel', ws: workspaces.research, prefix: 'ak_', expiresAt: '2026-11-20', scopes: ['read', 'write'] },
    { name: 'personal-scratch', provider: 'kernle', prefix: 'kn_test_' },
    { name: 'old-analytics-export', provider: 'kernel-sh', prefix: 'sk_live_', expiresAt: '2027-09-30' },
  ];
  for (const k of keys) {
    await must(c.invoke('keys.import', { name: k.name, provider: k.provider, secret: secret(k.prefix), ...(k.ws ? { workspaceId: k.ws } : {}), ...(k.expiresAt ? { expiresAt: k.expiresAt } : {}), ...(k.scopes ? { scopes: k.scopes } : {}), ...(k.projectId ? { projectId: k.projectId } : {}) }));
  }
  return { workspaces };
}
