import { z } from 'zod';

const Str = z.string();
const OptStr = z.string().nullish();

export const KernelKeySchema = z.object({
  id: Str.min(1),
  name: Str,
  masked_key: OptStr,
  project_id: OptStr,
  project_name: OptStr,
  created_at: Str,
  expires_at: OptStr,
  deleted_at: OptStr,
  created_by: z.object({ id: OptStr, email: OptStr, name: OptStr }).nullish(),
});
export type KernelKey = z.infer<typeof KernelKeySchema>;

/** The plaintext `key` arrives only from create and rotate. */
export const KernelCreatedSchema = KernelKeySchema.extend({ key: Str.min(1) });

export const KernelListSchema = z.array(KernelKeySchema);

export const KernelErrorSchema = z.object({
  code: OptStr,
  message: OptStr,
  details: z.array(z.object({ code: OptStr, message: OptStr })).nullish(),
});
