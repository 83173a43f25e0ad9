import type { ChannelOutput, ParsedInput } from '../../../shared/contract';
import { AppError } from '../errors';
import type { ProviderRegistry } from '../providers';
import type { Clock, EventSink, Logger, SecretStore } from '../ports';
import type { Timers } from '../expiry/scheduler';
import type { SettingsService } from '../settings/settings-service';
import type { Db } from '../store/database';
import type { KeyService } from '../vault/key-service';

export interface RotationDeps {
  db: Db;
  secrets: SecretStore;
  keys: KeyService;
  providers: ProviderRegistry;
  clock: Clock;
  events: EventSink;
  logger: Logger;
  settings: SettingsService;
  timers: Timers;
}

const todo = () => new AppError('unsupported', 'Not built yet.');

export class RotationService {
  readonly usages = {
    list: (_keyId: string): ChannelOutput<'usages.list'> => { throw todo(); },
    add: (_input: ParsedInput<'usages.add'>): ChannelOutput<'usages.add'> => { throw todo(); },
    remove: (_id: string): ChannelOutput<'usages.remove'> => { throw todo(); },
  };
  constructor(private readonly deps: RotationDeps) {}
  async create(_input: ParsedInput<'keys.create'>): Promise<ChannelOutput<'keys.create'>> { throw todo(); }
  async rotate(_input: ParsedInput<'keys.rotate'>): Promise<ChannelOutput<'keys.rotate'>> { throw todo(); }
  async revoke(_input: ParsedInput<'keys.revoke'>): Promise<ChannelOutput<'keys.revoke'>> { throw todo(); }
  tokenPage(_workspaceId: string): ChannelOutput<'keys.tokenPage'> { throw todo(); }
  async guidedRotate(_input: ParsedInput<'keys.guidedRotate'>): Promise<ChannelOutput<'keys.guidedRotate'>> { throw todo(); }
  async confirmRevoked(_id: string): Promise<ChannelOutput<'keys.confirmRevoked'>> { throw todo(); }
  listRotations(_input: ParsedInput<'rotations.list'>): ChannelOutput<'rotations.list'> { throw todo(); }
  attention(): ChannelOutput<'rotations.attention'> { throw todo(); }
  async resolve(_input: ParsedInput<'rotations.resolve'>): Promise<ChannelOutput<'rotations.resolve'>> { throw todo(); }
  async reconcile(): Promise<void> { void this.deps; }
}
