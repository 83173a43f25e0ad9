import { z } from 'zod';
import { AuditEventSchema, ExpiryStatusSchema, IdSchema, KeyReferenceSchema, KeySummarySchema, SettingsSchema, WorkspaceSchema, type ProviderInfo } from '../domain';
import type { Channel, EventName } from './names';
import * as In from './inputs';
import { lazyRecord } from '../lazy-schema';
import { SweepReportSchema, SyncProgressSchema, SyncReportSchema } from './sync';
import * as Rot from './rotation';
import * as Env from './env-import';
import { KeyImportWireInput } from './paste-input';
import { NeedsAttentionSchema } from './attention';
import { HealthOverviewInput, HealthOverviewSchema } from './health';
import * as Leak from './leaks';

export interface ChannelDef {
  input: z.ZodType;
  output: z.ZodType;
}

/**
 * The single source of truth for what crosses a process boundary. Output schemas are an
 * allow-list as well as documentation: the router parses every answer with them, so a field
 * that is not declared here (a secret column, an internal flag) is stripped before it leaves.
 */
export const contract = lazyRecord({
  'providers.list': () => ({ input: In.Empty, output: z.array(z.custom<ProviderInfo>()) }),
  'workspaces.list': () => ({ input: In.Empty, output: z.array(WorkspaceSchema) }),
  'workspaces.add': () => ({ input: In.WorkspaceAddInput, output: WorkspaceSchema }),
  'workspaces.update': () => ({ input: In.WorkspaceUpdateInput, output: WorkspaceSchema }),
  'workspaces.remove': () => ({
    input: In.WorkspaceRemoveInput,
    output: z.object({ id: IdSchema, deletedKeys: z.number().int() }),
  }),
  'keys.list': () => ({ input: In.KeyListInput, output: z.array(KeySummarySchema) }),
  'keys.get': () => ({ input: In.ById, output: KeySummarySchema }),
  /** The key's rotation lineage, newest first: the current generation, then the ones it replaced. */
  'keys.history': () => ({ input: In.ById, output: z.array(KeySummarySchema) }),
  'keys.import': () => ({ input: KeyImportWireInput, output: KeySummarySchema }),
  /** The one channel that returns a secret; every call is audited. */
  'keys.reveal': () => ({ input: In.RevealInput, output: z.object({ id: IdSchema, secret: z.string() }) }),
  'keys.delete': () => ({ input: In.ById, output: z.object({ id: IdSchema }) }),
  /** Copies in the main process; the secret never reaches the renderer. Cleared after the configured delay. */
  'keys.copy': () => ({ input: In.ById, output: z.object({ id: IdSchema, clearsAt: z.string() }) }),
  'clipboard.clear': () => ({ input: In.Empty, output: z.object({ cleared: z.boolean() }) }),
  'audit.list': () => ({ input: In.AuditListInput, output: z.array(AuditEventSchema) }),
  'settings.get': () => ({ input: In.Empty, output: SettingsSchema }),
  'settings.update': () => ({ input: In.SettingsUpdateInput, output: SettingsSchema }),
  'expiry.status': () => ({ input: In.Empty, output: ExpiryStatusSchema }),
  /** "Check now": recompute every tier at once (the tray's menu item). */
  'expiry.check': () => ({ input: In.Empty, output: ExpiryStatusSchema }),
  /** Quiet a key's warning until it reaches its next tier. */
  'expiry.snooze': () => ({ input: In.ById, output: ExpiryStatusSchema }),
  /** Undo a snooze: the key's warning is back (and counted) at once. */
  'expiry.unsnooze': () => ({ input: In.ById, output: ExpiryStatusSchema }),
  'expiry.setWarningDays': () => ({ input: In.SetWarningDaysInput, output: ExpiryStatusSchema }),
  /** Verify a management key, keep it in the keychain, and sync the service's key list (metadata only). */
  'workspaces.connect': () => ({ input: In.WorkspaceConnectInput, output: SyncReportSchema }),
  'workspaces.refresh': () => ({ input: In.ById, output: SyncReportSchema }),
  /** Refresh every connected workspace; progress arrives as `sync.progress` events. */
  'workspaces.sweep': () => ({ input: In.Empty, output: SweepReportSchema }),
  /** Create through the service's API; the one-time secret is in the keychain before it is returned. */
  'keys.create': () => ({ input: In.KeyCreateInput, output: Rot.CreateResultSchema }),
  /** One-click rotation (kernel.sh grace, Kernle cycle); progress arrives as `rotation.progress`. */
  'keys.rotate': () => ({ input: In.KeyRotateInput, output: Rot.RotationResultSchema }),
  /** API revoke, or for guided services a hand-over to the web UI (then `keys.confirmRevoked`). */
  'keys.revoke': () => ({ input: In.KeyRevokeInput, output: Rot.RevokeResultSchema }),
  /** The service's token page for a guided flow: allow-listed, derived from the workspace's base URL. */
  'keys.tokenPage': () => ({ input: In.TokenPageInput, output: z.object({ url: z.string() }) }),
  /** Guided rotation (Asimov, Kinesis): verify the pasted token, store it, old one "to revoke in the web UI". */
  'keys.guidedRotate': () => ({ input: In.GuidedRotateInput, output: Rot.RotationResultSchema }),
  /** Verify a token made in the service's web UI, then store it (keychain first). */
  'keys.guidedCreate': () => ({ input: In.GuidedCreateInput, output: KeySummarySchema }),
  /** Probe the old token: rejected = marked revoked; still valid = a `conflict` error saying so. */
  'keys.confirmRevoked': () => ({ input: In.ById, output: Rot.RevokeResultSchema }),
  'rotations.list': () => ({ input: In.RotationsListInput, output: z.array(Rot.RotationRecordSchema) }),
  /** Everything the user must look at: unresolved rotations, orphans, web-UI revocations, scheduled deletions, stale .env files. */
  'rotations.attention': () => ({ input: In.Empty, output: z.array(Rot.AttentionItemSchema) }),
  /** "Needs attention" everywhere: rotations waiting on the user plus unsnoozed expiry warnings, one count. */
  'attention.list': () => ({ input: In.Empty, output: NeedsAttentionSchema }),
  'rotations.resolve': () => ({ input: In.ResolveAttentionInput, output: Rot.ResolveResultSchema }),
  'usages.list': () => ({ input: In.UsageListInput, output: z.array(Rot.UsageSchema) }),
  'usages.add': () => ({ input: In.UsageAddInput, output: Rot.UsageSchema }),
  'usages.remove': () => ({ input: In.ById, output: z.object({ id: IdSchema }) }),
  /** A reference, name, handle or id → the one key it means today (rotations followed), with its canonical reference. */
  'refs.resolve': () => ({ input: In.ResolveRefInput, output: z.object({ key: KeySummarySchema, reference: z.string() }) }),
  'refs.workspace': () => ({ input: In.ResolveWorkspaceInput, output: WorkspaceSchema }),
  /** The reference to copy for a key, and whether it leads back to it. */
  'keys.reference': () => ({ input: In.ById, output: KeyReferenceSchema }),
  'keys.setHandle': () => ({ input: In.SetHandleInput, output: KeyReferenceSchema }),
  /** A reference is not a secret: plain clipboard text, in the main process like every copy. */
  'keys.copyReference': () => ({ input: In.ById, output: KeyReferenceSchema }),
  /** Reads a `.env` and says what an import would do with every assignment; stores nothing. */
  'envImport.preview': () => ({ input: Env.EnvImportPreviewInput, output: Env.EnvImportPreviewSchema }),
  /** Does what the preview said (minus skipped lines) if the file is unchanged; optionally puts references in place of the values. */
  'envImport.apply': () => ({ input: Env.EnvImportApplyInput, output: Env.EnvImportResultSchema }),
  /** The main process's file dialog; null when the user cancels. */
  'files.pickFile': () => ({ input: Env.PickFileInput, output: Env.PickedFileSchema }),
  /** Links `keydeck` into ~/.local/bin (or /usr/local/bin) for the packaged app. */
  'cli.installLink': () => ({ input: In.Empty, output: Env.CliLinkSchema }),
  /** Key health per workspace: expired, leaked, over-policy, expiring, stale, unused, never-expiring, each with its fix. */
  'health.overview': () => ({ input: HealthOverviewInput, output: HealthOverviewSchema }),
  /** The leak finder's sources, schedule state and last report. */
  'leaks.overview': () => ({ input: In.Empty, output: Leak.LeakOverviewSchema }),
  /** Where Keydeck found its own secrets (open ones unless asked): places only, never a value or a line. */
  'leaks.list': () => ({ input: Leak.LeakListInput, output: z.array(Leak.LeakFindingSchema) }),
  'leaks.addSource': () => ({ input: Leak.LeakSourceInput, output: z.array(Leak.LeakSourceSchema) }),
  'leaks.removeSource': () => ({ input: Leak.LeakSourceInput, output: z.array(Leak.LeakSourceSchema) }),
  /** Scan the given paths, or the configured sources (and shell history); progress as `leaks.progress`. */
  'leaks.scan': () => ({ input: Leak.LeakScanInput, output: Leak.LeakScanReportSchema }),
  /** "Mark resolved" (after rotating the key). */
  'leaks.resolve': () => ({ input: In.ById, output: Leak.LeakFindingSchema }),
} satisfies Record<Channel, () => ChannelDef>);

export const events = lazyRecord({
  'vault.changed': () => z.object({ scope: z.enum(['workspaces', 'keys', 'audit']) }),
  'settings.changed': () => SettingsSchema,
  'expiry.changed': () => z.object({ attentionCount: z.number().int() }),
  /** From a notification or the tray: show this key, with an action ready. */
  /** keyId null: the clipboard no longer holds a secret of ours. */
  'clipboard.changed': () => z.object({ keyId: IdSchema.nullable(), clearsAt: z.string().nullable() }),
  'ui.focusKey': () => z.object({ keyId: IdSchema, action: z.enum(['open', 'rotate']) }),
  /** From a notification about several keys: open the screen that lists them. */
  'ui.showScreen': () => z.object({ screen: z.enum(['leaks', 'health']) }),
  'sync.progress': () => SyncProgressSchema,
  'rotation.progress': () => Rot.RotationProgressSchema,
  'leaks.progress': () => Leak.LeakProgressSchema,
  'leaks.changed': () => z.object({ openFindings: z.number().int().nonnegative() }),
} satisfies Record<EventName, () => z.ZodType>);

type Contract = typeof contract;
/** What a caller sends (before defaults and transforms). */
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
/** What a handler receives (after validation). */
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

// Both directions: a name without a schema, or a schema without a name, fails to compile.
type Missing = Exclude<Channel, keyof Contract>;
const _everyNameHasASchema: [Missing] extends [never] ? true : never = true;
void _everyNameHasASchema;
