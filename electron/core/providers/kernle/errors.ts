import { statusError, type HttpResponse, type StatusContext } from '../../http';
import { KernleErrorA, KernleErrorB } from './schemas';

/** Both shapes' error bodies: A `{success:false, error}`, B FastAPI `{detail}` (422: a list). */
export function kernleError(res: HttpResponse, retryAfterSeconds: number | null, ctx: Pick<StatusContext, 'thing' | 'code'> = {}) {
  let detail: string | null = null;
  const a = KernleErrorA.safeParse(res.body);
  const b = KernleErrorB.safeParse(res.body);
  if (a.success) {
    const e = a.data.error;
    detail = typeof e === 'string' ? e : (e?.message ?? e?.code ?? a.data.message ?? null);
  } else if (b.success) {
    const d = b.data.detail;
    detail = typeof d === 'string' ? d : d.map((i) => [i.loc?.slice(1).join('.'), i.msg].filter(Boolean).join(': ')).join('; ');
  }
  // FastAPI validation is 422; the advice is the same as for 400.
  return statusError(res, { ...ctx, detail, retryAfterSeconds });
}
