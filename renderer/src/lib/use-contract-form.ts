import { useRef, useState } from 'react';
import type { ZodType } from 'zod';
import type { AppErrorShape, Result } from '../../../shared/result';
import { fieldErrorsFromResult, fieldErrorsOf, type FieldErrors } from './field-errors';
import { useFocusFirstInvalid } from './use-focus-first-invalid';

/**
 * A dialog form over one contract call: check the input with the contract's own schema (and any
 * extra rules), call, and on failure show the field errors and the banner the core answered with.
 */
export function useContractForm() {
  const form = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<AppErrorShape | null>(null);
  const [busy, setBusy] = useState(false);
  useFocusFirstInvalid(form, errors);

  /** The call's value, or null when the input was refused (locally or by the core). */
  async function run<I, O>(schema: ZodType, input: I, call: (input: I) => Promise<Result<O>>, extra: FieldErrors = {}): Promise<O | null> {
    const parsed = schema.safeParse(input);
    const fields = { ...(parsed.success ? {} : fieldErrorsOf(parsed.error)), ...extra };
    if (Object.keys(fields).length > 0) {
      setErrors(fields);
      setFailure(null);
      return null;
    }
    setBusy(true);
    setErrors({});
    setFailure(null);
    const r = await call(input);
    setBusy(false);
    if (r.ok) return r.value;
    setErrors(fieldErrorsFromResult(r.error));
    setFailure(r.error);
    return null;
  }

  /** Clears stale field errors as soon as the user edits (the core's answer no longer applies). */
  const clearErrors = () => setErrors((e) => (Object.keys(e).length ? {} : e));

  return { form, errors, failure, busy, run, clearErrors };
}
