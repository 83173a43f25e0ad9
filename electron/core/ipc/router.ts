import type { z } from 'zod';
import { contract, isChannel, type Channel, type ChannelOutput, type ParsedInput } from '../../../shared/contract';
import { err, ok, type Result } from '../../../shared/result';
import { AppError } from '../errors';
import type { Logger } from '../ports';
import { issueMessages } from '../../../shared/contract/issue-messages';
import { listChecker } from './list-output';

/** One function per channel. A channel without a handler is a compile error where the object is built. */
/** A handler may answer a list read-only (the key list is a frozen, vetted list: list-output.ts). */
type HandlerOutput<T> = T extends Array<infer E> ? T | readonly E[] : T;

export type Handlers = {
  [C in Channel]: (input: ParsedInput<C>) => Promise<HandlerOutput<ChannelOutput<C>>> | HandlerOutput<ChannelOutput<C>>;
};

export interface Router {
  /** Untyped on purpose: this is the wire. Everything is validated here. */
  invoke(channel: unknown, input: unknown): Promise<Result<unknown>>;
}

/**
 * The single entry point for the Electron transport, the CLI and the E2E harness.
 * It never throws and never lets an unexpected error's text out: only AppError messages,
 * which are written to be safe, reach the caller.
 */
export function createRouter(handlers: Handlers, logger: Logger): Router {
  return {
    async invoke(channel, rawInput) {
      if (!isChannel(channel)) {
        return err('unknown_channel', `Unknown channel ${JSON.stringify(String(channel).slice(0, 64))}.`);
      }
      const def = contract[channel];
      const parsed = def.input.safeParse(rawInput === undefined ? {} : withoutUndefined(rawInput));
      if (!parsed.success) return invalidInput(channel, parsed.error, rawInput);
      try {
        const handler = handlers[channel] as (input: unknown) => unknown;
        const value = await handler(parsed.data);
        const out = (listChecker(def.output) ?? def.output.safeParse.bind(def.output))(value);
        if (!out.success) {
          logger.error('handler output failed its schema', { channel, issues: out.error.issues.map((i) => `${i.path.join('.')}: ${i.code}`) });
          return err('internal', 'Keydeck produced an answer it could not check. Nothing was lost; please report this.');
        }
        return ok(out.data as ChannelOutput<typeof channel>);
      } catch (e) {
        if (e instanceof AppError) return { ok: false, error: e.toShape() };
        logger.error('handler failed', { channel, error: e instanceof Error ? e.name : typeof e });
        return err('internal', 'Something unexpected went wrong. Nothing was changed; the details are in the local log.');
      }
    },
  };
}

/**
 * `{ theme: undefined }` is how Electron's IPC (structured clone) delivers a field the renderer
 * left unset: it means "not given", exactly as if the key were absent, on every channel.
 */
function withoutUndefined(value: unknown, depth = 0): unknown {
  if (depth > 8 || !value || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => withoutUndefined(v, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = withoutUndefined(v, depth + 1);
  return out;
}

function invalidInput(channel: Channel, error: z.ZodError, rawInput: unknown): Result<never> {
  const fields: Record<string, string> = {};
  for (const [path, message] of issueMessages(error.issues)) fields[path] ??= scrub(message, rawInput);
  const summary = Object.entries(fields).map(([p, m]) => `${p} ${m}`).join('; ');
  return err('invalid_input', `Invalid ${channel} request: ${summary}.`, { fields });
}

/** Belt and braces: validation messages never echo values, but if one ever did, no input string survives. */
function scrub(message: string, input: unknown): string {
  let out = message;
  for (const s of stringLeaves(input)) if (s.length >= 4) out = out.split(s).join('[redacted]');
  return out;
}

function stringLeaves(value: unknown, depth = 0): string[] {
  if (depth > 5) return [];
  if (typeof value === 'string') return [value, value.trim()];
  if (Array.isArray(value)) return value.flatMap((v) => stringLeaves(v, depth + 1));
  if (value && typeof value === 'object') return Object.values(value).flatMap((v) => stringLeaves(v, depth + 1));
  return [];
}
