import { z } from 'zod';
import { lazySchema } from '../../../../shared/lazy-schema';

/** `/me` is documented to return at least `name`; the rest is optional and kept opaque. */
export const AsimovMeSchema = lazySchema(() =>
  z.object({
    name: z.string(),
    id: z.union([z.string(), z.number()]).nullish(),
    email: z.string().nullish(),
  })
);

export const AsimovErrorSchema = lazySchema(() => z.object({ error: z.object({ code: z.string().nullish(), message: z.string().nullish() }) }));
