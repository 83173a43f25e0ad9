import { z } from 'zod';
import { ExpiryEntrySchema, IdSchema } from '../domain';
import { AttentionItemSchema } from './rotation';
import { lazySchema } from '../lazy-schema';

/** Everything that needs the user, from one source: the sidebar's count and `keydeck attention` agree. */
export const NeedsAttentionSchema = lazySchema(() =>
  z.object({
    /** Keys needing attention (each once) plus items tied to no key. */
    count: z.number().int(),
    keyIds: z.array(IdSchema),
    /** Rotations and revocations waiting for a decision (`rotations.attention`). */
    rotations: z.array(AttentionItemSchema),
    /** Keys in a warning tier, not snoozed, most urgent first. */
    warnings: z.array(ExpiryEntrySchema),
  }),
);
export type NeedsAttention = z.infer<typeof NeedsAttentionSchema>;
