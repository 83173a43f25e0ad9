import { AsimovImitation } from './asimov-kernel';
import { addDays } from './ids';
import { KernelImitation } from './kernel-sh';
import { KernleImitation, type KernleShape } from './kernle';
import { KinesisImitation } from './kinesis';
import type { ImitationOptions } from './server';

export interface DemoImitations {
  kernel: KernelImitation;
  kernle: KernleImitation;
  asimov: AsimovImitation;
  kinesis: KinesisImitation;
  /** Base URLs as a workspace would store them (Asimov's includes /api/v1). */
  urls: { kernel: string; kernle: string; asimov: string; kinesis: string };
  /** One working management token per service. */
  managementKeys: { kernel: string; kernle: string; asimov: string; kinesis: string };
  stop(): Promise<void>;
}

/** All four imitations, started and seeded with a small, believable inventory. */
export async function startDemo(opts: ImitationOptions & { kernleShape?: KernleShape } = {}): Promise<DemoImitations> {
  const kernel = new KernelImitation(opts);
  const kernle = new KernleImitation({ ...opts, shape: opts.kernleShape ?? 'B' });
  const asimov = new AsimovImitation(opts);
  const kinesis = new KinesisImitation(opts);
  const [k1, k2, a, s] = await Promise.all([kernel.start(), kernle.start(), asimov.start(), kinesis.start()]);

  const now = kernel.now();
  kernel.addProject('proj_web', 'web');
  kernel.addProject('proj_data', 'data-pipeline');
  const kernelAdmin = kernel.seedKey({ name: 'keydeck-management', createdAt: addDays(now, -40) });
  kernel.seedKey({ name: 'ci-deploy', createdAt: addDays(now, -200), expiresInDays: 210 });
  kernel.seedKey({ name: 'web-frontend', projectId: 'proj_web', createdAt: addDays(now, -30), expiresInDays: 90 });
  kernel.seedKey({ name: 'etl-nightly', projectId: 'proj_data', createdAt: addDays(now, -400), expiresInDays: 365 });
  kernel.seedKey({ name: 'old-laptop', createdAt: addDays(now, -500), deleted: true });

  const user = kernle.addUser('agent-owner@example.com');
  const kernleAdmin = kernle.seedKey(user, 'keydeck', { createdAt: addDays(now, -10) });
  kernle.seedKey(user, 'memory-sync', { createdAt: addDays(now, -90) });
  kernle.seedKey(user, 'retired', { createdAt: addDays(now, -300), active: false });

  const asimovUser = asimov.addUser('Ada Demo', 'ada@example.com');
  const asimovToken = asimov.issueToken(asimovUser, { name: 'keydeck', scopes: ['read', 'write'], expiresInDays: 90 });

  const kinesisUser = kinesis.addUser('root');
  const kinesisPat = kinesis.issuePat(kinesisUser, { name: 'keydeck', permissions: ['USER_FETCH', 'CONFIG_FETCH'], validFrom: addDays(now, -1), validTo: addDays(now, 180) });

  return {
    kernel,
    kernle,
    asimov,
    kinesis,
    urls: { kernel: k1, kernle: k2, asimov: `${a}/api/v1`, kinesis: s },
    managementKeys: { kernel: kernelAdmin.secret, kernle: kernleAdmin.secret, asimov: asimovToken.secret, kinesis: kinesisPat.secret },
    stop: async () => {
      await Promise.all([kernel.stop(), kernle.stop(), asimov.stop(), kinesis.stop()]);
    },
  };
}
