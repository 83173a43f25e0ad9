import type { ProviderId } from '../../../shared/domain';
import type { HttpClient } from '../http';
import type { Clock } from '../ports';
import { AsimovClient } from './asimov-kernel';
import { KernelClient, type KernelOptions } from './kernel-sh';
import { KernleClient, KernleShapeCache, type KernleShape } from './kernle';
import { KinesisClient, type KinesisOptions } from './kinesis';
import type { Connection, ProviderClient } from './types';

export interface ProviderRegistryOptions {
  kernel?: KernelOptions;
  kinesis?: KinesisOptions;
  clock?: Clock;
  /** Called when a Kernle workspace's API shape is first learned, so it can be persisted. */
  onKernleShape?: (workspaceKey: string, shape: KernleShape) => void;
}

/** Builds the client for a workspace. Holds what outlives one call: the HTTP pool and learned shapes. */
export class ProviderRegistry {
  readonly kernleShapes: KernleShapeCache;

  constructor(
    readonly http: HttpClient,
    private readonly opts: ProviderRegistryOptions = {},
  ) {
    this.kernleShapes = new KernleShapeCache(opts.onKernleShape);
  }

  clientFor(provider: ProviderId, conn: Connection): ProviderClient {
    switch (provider) {
      case 'kernel-sh':
        return new KernelClient(this.http, conn, { clock: this.opts.clock, ...this.opts.kernel });
      case 'kernle':
        return new KernleClient(this.http, conn, this.kernleShapes);
      case 'asimov-kernel':
        return new AsimovClient(this.http, conn);
      case 'kinesis':
        return new KinesisClient(this.http, conn, this.opts.kinesis);
    }
  }
}
