import { statusError, type HttpResponse } from '../../http';
import { KinesisEnvelopeSchema } from './schemas';

/**
 * The status that counts is the body's when there is one: Kinesis may send HTTP 200 around a
 * body that says 401, 403 or 500. Returns null when the answer is a success by both measures.
 */
export function kinesisError(res: HttpResponse, retryAfterSeconds: number | null) {
  const env = KinesisEnvelopeSchema.safeParse(res.body);
  const bodyStatus = env.success ? env.data.status : null;
  const effective = bodyStatus !== null && (bodyStatus < 200 || bodyStatus >= 300) ? bodyStatus : res.status;
  if (effective >= 200 && effective < 300) return null;
  return statusError({ ...res, status: effective }, { detail: env.success ? (env.data.message ?? null) : null, retryAfterSeconds });
}
