import { z } from 'zod';
import { AuditEventSchema, IdSchema, KeySummarySchema, WorkspaceSchema, type ProviderInfo } from '../domain';
import type { Channel, EventName } from './names';
import * as In from './inputs';

export interface ChannelDef {
  input: z.ZodType;
  output: z.ZodType;
}

/**
 * The single source of truth for what crosses a process boundary. Output schemas are an
 * allow-list as well as documentation: the router parses every answer with them, so a field
 * that is not declared here (a secret column, an internal flag) is stripped before it leaves.
 */
export const contract = {
  'providers.list': { input: In.Empty, output: z.array(z.custom<ProviderInfo>()) },
  'workspaces.list': { input: In.Empty, output: z.array(WorkspaceSchema) },
  'workspaces.add': { input: In.WorkspaceAddInput, output: WorkspaceSchema },
  'workspaces.update': { input: In.WorkspaceUpdateInput, output: WorkspaceSchema },
  'workspaces.remove': {
    input: In.WorkspaceRemoveInput,
    output: z.object({ id: IdSchema, deletedKeys: z.number().int() }),
  },
  'keys.list': { input: In.KeyListInput, output: z.array(KeySummarySchema) },
  'keys.get': { input: In.ById, output: KeySummarySchema },
  'keys.import': { input: In.KeyImportInput, output: KeySummarySchema },
  /** The one channel that returns a secret; every call is audited. */
  'keys.reveal': { input: In.ById, output: z.object({ id: IdSchema, secret: z.string() }) },
  'keys.delete': { input: In.ById, output: z.object({ id: IdSchema }) },
  'audit.list': { input: In.AuditListInput, output: z.array(AuditEventSchema) },
} satisfies Record<Channel, ChannelDef>;

export const events = {
  'vault.changed': z.object({ scope: z.enum(['workspaces', 'keys', 'audit']) }),
} satisfies Record<EventName, z.ZodType>;

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
