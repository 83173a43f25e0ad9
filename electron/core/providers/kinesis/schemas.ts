import { z } from 'zod';
import { lazySchema } from '../../../../shared/lazy-schema';

/**
 * Kinesis answers `{status, message, ...payload}`; the body's status is the truth even when
 * HTTP says 200. The payload's field names are not published, so only the envelope is required.
 */
export const KinesisEnvelopeSchema = lazySchema(() =>
  z.looseObject({
    status: z.number().int(),
    message: z.string().nullish(),
  })
);

const UserFields = lazySchema(() =>
  z.looseObject({
    id: z.union([z.string(), z.number()]).nullish(),
    username: z.string().nullish(),
    name: z.string().nullish(),
    email: z.string().nullish(),
  })
);

export const KinesisUserPayload = lazySchema(() => z.looseObject({ user: UserFields.nullish(), data: UserFields.nullish() }));
