import { z } from 'zod';
import { lazySchema } from '../../../shared/lazy-schema';
import { secretProblem } from '../../../shared/domain';

/**
 * Fields every provider answer shares, checked the same way for every service. A secret from a
 * service is held to the same rules as a pasted one: a compromised or broken service must not
 * get a `$(…)` into a `.env` file or a control byte into a header.
 */
export const ProviderSecret = lazySchema(() =>
  z
    .string()
    .trim()
    .min(1)
    .max(8192)
    .superRefine((value, ctx) => {
      const problem = secretProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: `the new secret ${problem}` });
    })
);

/**
 * Names are the service's to choose but Keydeck's to store: longer ones are cut (kernel.sh's
 * own limit is 255) rather than refused, so one odd key does not stop a whole sync.
 */
export const MAX_STORED_NAME = 255;
export const clampText = (max: number) => (s: string) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
export const ProviderName = lazySchema(() => z.string().transform(clampText(MAX_STORED_NAME)));
export const ProviderShortText = lazySchema(() => z.string().transform(clampText(128)).nullish());
