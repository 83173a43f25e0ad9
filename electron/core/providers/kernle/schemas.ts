import { z } from 'zod';
import { lazySchema } from '../../../../shared/lazy-schema';
import { ProviderName, ProviderSecret, ProviderShortText } from '../fields';

/**
 * Kernle has two published shapes (see providers.md §2): A, the docs, wraps everything in
 * `{success, data}` and says `prefix`; B, the backend code, answers bare objects with `key_prefix`.
 */
export type KernleShape = 'A' | 'B';

const OptStr = lazySchema(() => z.string().nullish());

export const KernleKeySchema = lazySchema(() =>
  z.object({
    id: z.string().min(1),
    name: ProviderName,
    prefix: ProviderShortText,
    key_prefix: ProviderShortText,
    created_at: OptStr,
    last_used_at: OptStr,
    is_active: z.boolean().nullish(),
    revoked_at: OptStr,
  })
);
export type KernleKey = z.infer<typeof KernleKeySchema>;

export const KernleListA = lazySchema(() => z.object({ success: z.literal(true), data: z.object({ keys: z.array(KernleKeySchema) }) }));
export const KernleListB = lazySchema(() => z.object({ keys: z.array(KernleKeySchema) }));

const CreatedFields = { key: ProviderSecret };
export const KernleCreatedA = lazySchema(() => z.object({ success: z.literal(true), data: KernleKeySchema.extend(CreatedFields) }));
export const KernleCreatedB = lazySchema(() => KernleKeySchema.extend(CreatedFields));

export const KernleRevokedA = lazySchema(() => z.object({ success: z.literal(true), data: z.object({ id: z.string(), revoked: z.boolean(), revoked_at: OptStr }) }));

export const KernleCycleA = lazySchema(() =>
  z.object({
    success: z.literal(true),
    data: z.object({
      old_key_id: z.string(),
      old_key_revoked: z.boolean().nullish(),
      new_key_id: z.string().min(1),
      new_key: ProviderSecret,
      new_key_prefix: OptStr,
    }),
  })
);
export const KernleCycleB = lazySchema(() => z.object({ old_key_id: z.string(), new_key: KernleCreatedB }));

export const KernleStatusA = lazySchema(() =>
  z.object({
    success: z.literal(true),
    data: z.object({ authenticated: z.boolean(), user_id: OptStr, email: OptStr, created_at: OptStr, agents: z.array(z.unknown()).nullish() }),
  })
);
export const KernleMeB = lazySchema(() => z.object({ user_id: z.string(), agent_id: OptStr, tier: OptStr, usage: z.unknown().optional(), limits: z.unknown().optional() }));

/** A's error body is not published: a string or an object with a message are both accepted. */
export const KernleErrorA = lazySchema(() =>
  z.object({
    success: z.literal(false),
    error: z.union([z.string(), z.object({ code: OptStr, message: OptStr }), z.null()]).optional(),
    message: OptStr,
  })
);
export const KernleErrorB = lazySchema(() =>
  z.object({
    detail: z.union([z.string(), z.array(z.object({ msg: OptStr, loc: z.array(z.union([z.string(), z.number()])).nullish() }))]),
  })
);

/** The per-IP limiter's body, in either shape: `{"error": "Rate limit exceeded: 10 per 1 minute"}`. */
export const KernleErrorPlain = lazySchema(() => z.object({ error: z.string() }));

/** Which shape an answer is in, from the answer itself; null when it says nothing either way (204). */
export function shapeOf(body: unknown): KernleShape | null {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return null;
  if ('success' in body) return 'A';
  return 'B';
}
