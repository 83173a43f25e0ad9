import type { Core } from '../core/create-core';
import type { Router } from '../core/ipc/router';
import type { ChannelInput, ChannelOutput, Channel } from '../../shared/contract';
import type { AppErrorShape } from '../../shared/result';
import type { KeySummary } from '../../shared/domain';
import type { Services } from '../core/ipc/handlers';
import { AppError } from '../core/errors';

/** What every command needs: the core (opened on first use, so `--help` never touches the database) and stdin. */
export interface CliContext {
  router(): Promise<Router>;
  /** The whole core, for commands that watch it (run --restart-on-rotate). */
  core(): Promise<Core>;
  readSecret(prompt: string): Promise<string>;
  readStdin(): Promise<string>;
  /** Set by a command that exits with another code than 0 on success (run: its child's). */
  exitCode?: number;
  /** Closes the core, if one was opened. Safe to call twice. */
  close(): void;
}

/** A command's failure with its exit code: 1 the core refused, 2 usage. */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    readonly error?: AppErrorShape,
  ) {
    super(message);
  }
}

export const usageError = (message: string): CliFailure => new CliFailure(message, 2);

/** The contract's field names mean nothing at a prompt: errors name the flag to use instead. */
export type FlagNames = Record<string, string>;

export const COMMON_FLAGS: FlagNames = {
  name: '--name',
  provider: '--provider',
  environment: '--env',
  baseUrl: '--base-url',
  workspaceId: '--workspace',
  expiresAt: '--expires',
  validFrom: '--valid-from',
  scopes: '--scope',
  projectId: '--project',
  expiresInDays: '--days',
  graceSeconds: '--grace',
  confirmName: '--confirm',
  secret: 'the secret (typed at the prompt or piped to stdin)',
  envVar: '--var',
  filePath: 'FILE',
  handle: 'HANDLE',
  keyId: 'KEY',
  id: 'the key or workspace',
  ref: 'the reference',
};

/** One contract call; a refusal becomes a CliFailure whose text names flags, not fields. */
export async function invoke<C extends Channel>(ctx: CliContext, channel: C, input: ChannelInput<C>, flags: FlagNames = {}): Promise<ChannelOutput<C>> {
  const router = await ctx.router();
  const result = await router.invoke(channel, input);
  if (result.ok) return result.value as ChannelOutput<C>;
  throw new CliFailure(describeError(channel, result.error, { ...COMMON_FLAGS, ...flags }), 1, result.error);
}

export function describeError(channel: string, error: AppErrorShape, flags: FlagNames): string {
  const fields = Object.entries(error.fields ?? {}).map(([field, message]) => `${flags[field] ?? flags[field.split('.')[0]!] ?? field} ${message}`);
  const generated = error.message.startsWith(`Invalid ${channel} request:`);
  if (generated && fields.length) return `error [${error.code}]: ${fields.join('; ')}.`;
  return `error [${error.code}]: ${error.message}${fields.length ? `\n  ${fields.join('\n  ')}` : ''}`;
}

/**
 * The everyday path (resolve a key, read its secret) calls the core's services directly: its
 * input is built right here, so the contract's schemas (and zod) need not be loaded to check it,
 * which is most of what a `keydeck read` would otherwise spend. Refusals read exactly as through
 * the router, under the channel's name.
 */
export async function direct<T>(ctx: CliContext, channel: Channel, call: (s: Services) => T | Promise<T>, flags: FlagNames = {}): Promise<T> {
  const { services } = await ctx.core();
  try {
    return await call(services);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    throw new CliFailure(describeError(channel, e.toShape(), { ...COMMON_FLAGS, ...flags }), 1, e.toShape());
  }
}

/** A key as a person names it: reference, name, handle or id. */
export async function resolveKey(ctx: CliContext, ref: string, purpose: 'use' | 'manage', workspace?: string): Promise<{ key: KeySummary; reference: string }> {
  return direct(ctx, 'refs.resolve', (s) => {
    const r = s.refs.resolveKey(ref, { purpose, ...(workspace ? { workspace } : {}) });
    return { key: s.refs.summary(r.row), reference: r.reference };
  });
}

/** One secret, audited as read by `via` (read, run, inject) or as revealed. */
export async function revealSecret(ctx: CliContext, id: string, via?: 'read' | 'run' | 'inject'): Promise<string> {
  return (await direct(ctx, 'keys.reveal', (s) => s.keys.reveal(id, via))).secret;
}

export async function resolveWorkspaceId(ctx: CliContext, ref: string): Promise<string> {
  return (await invoke(ctx, 'refs.workspace', { ref })).id;
}
