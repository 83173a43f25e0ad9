import type { z } from 'zod';
import { issueMessages } from '../../../shared/contract/issue-messages';
import type { AppErrorShape } from '../../../shared/result';

export type FieldErrors = Record<string, string>;

/** Zod issues keyed by their top-level field, first message wins: the router's own wording, without the round trip. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const [path, message] of issueMessages(error.issues)) out[path.split('.')[0] ?? path] ??= message;
  return out;
}

/** The router's `fields` use dotted paths ("scopes.0"); forms show them on the top-level field. */
export function fieldErrorsFromResult(error: AppErrorShape): FieldErrors {
  const out: FieldErrors = {};
  for (const [path, message] of Object.entries(error.fields ?? {})) {
    const key = path.split('.')[0] ?? path;
    out[key] ??= message;
  }
  return out;
}

/** A client-side summary, worded like the router's own invalid_input message. */
export function summaryOf(fields: FieldErrors, labels: Record<string, string>): string {
  const parts = Object.entries(fields).map(([k, m]) => `${labels[k] ?? k} ${m}`);
  return `Please fix: ${parts.join('; ')}.`;
}
