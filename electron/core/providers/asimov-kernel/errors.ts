import { statusError, type HttpResponse } from '../../http';
import { AsimovErrorSchema } from './schemas';

/** Asimov errors: `{"error": {"code": "INVALID_REQUEST", "message": "..."}}`. 401 and 403 mean different things. */
export function asimovError(res: HttpResponse, retryAfterSeconds: number | null) {
  const parsed = AsimovErrorSchema.safeParse(res.body);
  const detail = parsed.success ? (parsed.data.error.message ?? parsed.data.error.code ?? null) : null;
  return statusError(res, { detail, retryAfterSeconds });
}
