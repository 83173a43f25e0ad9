import type { ProviderId } from '../../../shared/domain';
import { AppError } from '../errors';
import type { HttpClient } from '../http';
import type { Clock } from '../ports';
import { asimovSpec } from './asimov-kernel';
import { kernelSpec } from './kernel-sh';
import { kernleSpec } from './kernle';
import { kinesisSpec } from './kinesis';
import { otherSpec } from './other';
import { API_SHAPE, WorkspaceMemory, type ProviderSpec } from './spec';
import type { Connection, ProviderClient } from './types';

/** Every provider Keydeck knows: adding a service is its folder and one line here. */
const SPECS: ProviderSpec[] = [kernelSpec, kernleSpec, asimovSpec, kinesisSpec, otherSpec];

const BY_ID = new Map<string, ProviderSpec>(SPECS.map((s) => [s.id, s]));

/** A provider's own declarations; an id stored by a newer Keydeck is a clear error, not a crash. */
export function providerSpec(id: string): ProviderSpec {
  const spec = BY_ID.get(id);
  if (!spec) throw new AppError('unsupported', `This Keydeck does not know the service "${id}". Update Keydeck to manage it.`);
  return spec;
}

export interface ProviderRegistryOptions {
  /** Process-wide options per provider (tests: kernel.sh page size, Kinesis verify path). */
  options?: Partial<Record<ProviderId, Record<string, unknown>>>;
  /** @deprecated spelled per provider: use `options['kernel-sh']`. */
  kernel?: Record<string, unknown>;
  /** @deprecated use `options.kinesis`. */
  kinesis?: Record<string, unknown>;
  clock?: Clock;
}

/** Builds the client for a workspace. Holds what outlives one call: the HTTP pool and what each workspace taught us. */
export class ProviderRegistry {
  readonly memory = new WorkspaceMemory();
  private readonly options: Partial<Record<string, Record<string, unknown>>>;

  constructor(
    readonly http: HttpClient,
    private readonly opts: ProviderRegistryOptions = {},
  ) {
    const legacy: Record<string, Record<string, unknown> | undefined> = { [kernelSpec.id]: opts.kernel, [kinesisSpec.id]: opts.kinesis };
    this.options = { ...legacy, ...opts.options };
  }

  clientFor(provider: ProviderId, conn: Connection): ProviderClient {
    return providerSpec(provider).client({ http: this.http, clock: this.opts.clock, memory: this.memory, options: this.options[provider] ?? {} }, conn);
  }

  /** The API shape a workspace was found to speak, for persisting; undefined when its provider has none. */
  learnedShape(workspaceId: string): string | undefined {
    return this.memory.get(workspaceId, API_SHAPE);
  }

  /** Restores a shape persisted by an earlier run, when the workspace's provider recognises it. */
  seedShape(workspaceId: string, provider: string, value: string | null): void {
    if (value && BY_ID.get(provider)?.persistsShape?.(value)) this.memory.seed(workspaceId, API_SHAPE, value);
  }
}
