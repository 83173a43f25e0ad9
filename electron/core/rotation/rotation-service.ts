import type { KeySummary } from '../../../shared/domain';
import type { ChannelOutput, ParsedInput } from '../../../shared/contract';
import type { AttentionItem, RotationResult } from '../../../shared/contract/rotation';
import type { Timers } from '../expiry/scheduler';
import type { ProviderRegistry } from '../providers';
import type { Clock, EventSink, Logger, SecretStore } from '../ports';
import type { SettingsService } from '../settings/settings-service';
import { AuditRepo } from '../store/audit-repo';
import type { Db } from '../store/database';
import { KeysRepo } from '../store/keys-repo';
import { WorkspacesRepo } from '../store/workspaces-repo';
import { SyncRepo } from '../sync/sync-repo';
import { Fingerprinter } from '../vault/fingerprint';
import type { KeyService } from '../vault/key-service';
import { ApiFlows } from './api-flows';
import { Attention } from './attention';
import { RotationClients } from './clients';
import { GuidedFlows } from './guided-flows';
import { Journal } from './journal';
import { KeychainStep } from './keychain-step';
import { RotationProgress } from './progress';
import { Reconciler } from './reconciler';
import { RotationRecords } from './records';
import { Retirement } from './retirement';
import { Revocation } from './revocation';
import { StepRunner } from './step-runner';
import { UsageService } from './usages';
import { PolicyGate } from '../policy/policy-gate';

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

/**
 * Create, rotate and revoke, crash-safe by construction (design.md "Rotation"): journal row
 * first; the provider call; the new secret to the keychain at once; metadata; verify; retire the
 * old key; rewrite `.env` usages; finish. This facade only wires the collaborators, each in the
 * file named for its step, and keeps the methods the router calls.
 */
export class RotationService {
  readonly usages: UsageService;
  private readonly api: ApiFlows;
  private readonly guided: GuidedFlows;
  private readonly revocation: Revocation;
  private readonly reconciler: Reconciler;
  private readonly retirement: Retirement;
  private readonly attentionItems: Attention;

  constructor(d: RotationDeps) {
    const journal = new Journal(d.db);
    const records = new RotationRecords(d.db, new KeysRepo(d.db), new WorkspacesRepo(d.db), journal, d.clock);
    const progress = new RotationProgress(d.db, journal, new AuditRepo(d.db), d.clock, d.events);
    const clients = new RotationClients(d.providers, d.secrets, new SyncRepo(d.db));
    const fingerprints = new Fingerprinter(d.secrets);
    this.usages = new UsageService(d.db, d.clock, d.events);
    const keychain = new KeychainStep(d.db, d.secrets, journal, records, progress);
    this.retirement = new Retirement(d.db, d.secrets, records, clients, progress, d.timers, d.logger, d.clock);
    const steps = new StepRunner(d.db, d.secrets, journal, records, clients, progress, this.retirement, this.usages, fingerprints, d.settings, keychain);
    this.reconciler = new Reconciler(d.db, d.secrets, journal, records, clients, progress, steps, keychain, this.retirement, fingerprints, d.logger);
    const policy = new PolicyGate(d.clock);
    this.api = new ApiFlows(d.db, journal, records, clients, progress, keychain, steps, this.reconciler, fingerprints, policy);
    this.guided = new GuidedFlows(d.db, d.secrets, d.keys, journal, records, clients, progress, keychain, steps, this.reconciler, fingerprints, policy);
    this.revocation = new Revocation(d.db, d.secrets, journal, records, clients, progress, this.retirement);
    this.attentionItems = new Attention(d.db, journal, records, clients, progress, this.reconciler, this.retirement, this.revocation, this.usages);
  }

  create(input: ParsedInput<'keys.create'>): Promise<ChannelOutput<'keys.create'>> {
    return this.api.create(input);
  }

  rotate(input: ParsedInput<'keys.rotate'>): Promise<RotationResult> {
    return this.api.rotate(input);
  }

  guidedCreate(input: ParsedInput<'keys.guidedCreate'>): Promise<KeySummary> {
    return this.guided.create(input);
  }

  guidedRotate(input: ParsedInput<'keys.guidedRotate'>): Promise<RotationResult> {
    return this.guided.rotate(input);
  }

  revoke(input: ParsedInput<'keys.revoke'>): Promise<ChannelOutput<'keys.revoke'>> {
    return this.revocation.revoke(input);
  }

  confirmRevoked(id: string): Promise<ChannelOutput<'keys.confirmRevoked'>> {
    return this.revocation.confirmRevoked(id);
  }

  tokenPage(workspaceId: string): ChannelOutput<'keys.tokenPage'> {
    return this.revocation.tokenPage(workspaceId);
  }

  listRotations(input: ParsedInput<'rotations.list'>): ChannelOutput<'rotations.list'> {
    return this.attentionItems.listRotations(input);
  }

  attention(): AttentionItem[] {
    return this.attentionItems.items();
  }

  resolve(input: ParsedInput<'rotations.resolve'>): Promise<ChannelOutput<'rotations.resolve'>> {
    return this.attentionItems.resolve(input);
  }

  /** At every start (app and CLI): finish or undo interrupted rotations, then overdue grace deletions. */
  reconcile(): Promise<{ reconciled: number; attention: number }> {
    return this.reconciler.reconcile();
  }

  retireDue(): Promise<number> {
    return this.retirement.retireDue();
  }

  startScheduler(): void {
    this.retirement.startScheduler();
  }

  stop(): void {
    this.retirement.stop();
  }
}
