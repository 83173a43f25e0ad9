import { z } from 'zod';
import { lazySchema } from '../../../../shared/lazy-schema';
import { ProviderName, ProviderSecret, ProviderShortText } from '../fields';

const Str = lazySchema(() => z.string());
const OptStr = lazySchema(() => z.string().nullish());

export const KernelKeySchema = lazySchema(() =>
  z.object({
    id: Str.min(1),
    name: ProviderName,
    masked_key: ProviderShortText,
    project_id: ProviderShortText,
    project_name: ProviderShortText,
    created_at: Str,
    expires_at: OptStr,
    deleted_at: OptStr,
    created_by: z.object({ id: OptStr, email: OptStr, name: OptStr }).nullish(),
  })
);
export type KernelKey = z.infer<typeof KernelKeySchema>;

/** The plaintext `key` arrives only from create and rotate. */
export const KernelCreatedSchema = lazySchema(() => KernelKeySchema.extend({ key: ProviderSecret }));

export const KernelListSchema = lazySchema(() => z.array(KernelKeySchema));

export const KernelErrorSchema = lazySchema(() =>
  z.object({
    code: OptStr,
    message: OptStr,
    details: z.array(z.object({ code: OptStr, message: OptStr })).nullish(),
  })
);
