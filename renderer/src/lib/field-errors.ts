import type { z } from 'zod';
import type { AppErrorShape } from '../../../shared/result';

export type FieldErrors = Record<string, string>;

/** Zod issues keyed by their top-level field, first message wins (the same shape the router returns). */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? '(input)');
    out[key] ??= issue.message;
  }
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
