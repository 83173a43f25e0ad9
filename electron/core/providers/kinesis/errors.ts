import { statusError, type HttpResponse } from '../../http';
import { KinesisEnvelopeSchema } from './schemas';

/** The predecessor's answer to a token it cannot decode: a body status 500 that means "rejected", not "down". */
const UNDECODABLE = /fail\w*\s+decod|could not (be )?decod|invalid (jwt|token)|malformed (jwt|token)/i;

/**
 * The status that counts is the body's when there is one: Kinesis may send HTTP 200 around a
 * body that says 401, 403 or 500. Returns null when the answer is a success by both measures
 * (or, when the workspace set one, has exactly the expected status).
 */
export function kinesisError(res: HttpResponse, retryAfterSeconds: number | null, expectStatus?: number) {
  const env = KinesisEnvelopeSchema.safeParse(res.body);
  const bodyStatus = env.success ? env.data.status : null;
  const message = env.success ? (env.data.message ?? null) : null;
  let effective = bodyStatus !== null && (bodyStatus < 200 || bodyStatus >= 300) ? bodyStatus : res.status;
  if (effective >= 500 && message && UNDECODABLE.test(message)) effective = 401;
  const ok = expectStatus !== undefined ? effective === expectStatus : effective >= 200 && effective < 300;
  if (ok) return null;
  if (effective >= 200 && effective < 300) {
    return statusError({ ...res, status: 502 }, { detail: `answered ${effective}, not the ${expectStatus} this workspace expects`, retryAfterSeconds, code: 'malformed_response' });
  }
  return statusError({ ...res, status: effective }, { detail: message, retryAfterSeconds });
}
