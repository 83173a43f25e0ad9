import { ProviderError, scrubText, statusError, type HttpResponse, type StatusContext } from '../../http';
import { KernleErrorA, KernleErrorB, KernleErrorPlain } from './schemas';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The per-IP limiter (10 creates or cycles a minute) sends no Retry-After: its window, read from
 * "N per M minute(s)", is the wait; a minute when it says nothing readable.
 */
export function perIpWindowSeconds(detail: string | null): number {
  const m = detail?.match(/per\s+(\d+)\s*(second|minute|hour)/i);
  if (!m) return 60;
  const unit = m[2]!.toLowerCase() === 'second' ? 1 : m[2]!.toLowerCase() === 'minute' ? 60 : 3600;
  return Math.max(1, Number(m[1])) * unit;
}

/**
 * Kernle's error bodies: A `{success:false, error}`, B FastAPI `{detail}` (422: a list), the
 * limiter's `{error}`; and its own advice (it has no projects, unlike kernel.sh).
 */
export function kernleError(res: HttpResponse, retryAfterSeconds: number | null, ctx: Pick<StatusContext, 'thing' | 'code'> & { keyId?: string } = {}) {
  let detail: string | null = null;
  const a = KernleErrorA.safeParse(res.body);
  const b = KernleErrorB.safeParse(res.body);
  const plain = KernleErrorPlain.safeParse(res.body);
  if (a.success) {
    const e = a.data.error;
    detail = typeof e === 'string' ? e : (e?.message ?? e?.code ?? a.data.message ?? null);
  } else if (b.success) {
    const d = b.data.detail;
    detail = typeof d === 'string' ? d : d.map((i) => [i.loc?.slice(1).join('.'), i.msg].filter(Boolean).join(': ')).join('; ');
  } else if (plain.success) {
    detail = plain.data.error;
  }
  const said = detail ? ` Kernle said: "${scrubText(detail, res.token)}".` : '';
  if (res.status === 404) {
    return new ProviderError('not_found', `Kernle found no ${ctx.thing ?? 'such item'}.${said} It may have been revoked elsewhere: refresh the workspace.`, { status: 404 });
  }
  if (res.status === 429 && retryAfterSeconds === null) {
    const wait = perIpWindowSeconds(detail);
    return new ProviderError('rate_limited', `Kernle limits how many keys one address may create or cycle.${said} Try again in ${wait} s.`, { status: 429, extra: { retryAfterSeconds: wait } });
  }
  if (res.status >= 500 && res.body === undefined && ctx.keyId !== undefined && !UUID.test(ctx.keyId)) {
    // Kernle parses key ids as UUIDs and fails with a bare 500 on anything else.
    return new ProviderError('invalid_request', `Kernle could not handle the key id "${scrubText(ctx.keyId, res.token, 80)}" (HTTP ${res.status}): Kernle key ids are UUIDs. Refresh the workspace so Keydeck links the key to its current id.`, { status: res.status });
  }
  if (res.status >= 500 && retryAfterSeconds !== null) {
    return new ProviderError('provider_unavailable', `Kernle is having trouble (HTTP ${res.status}).${said} Nothing was changed on this side; Keydeck waits the ${retryAfterSeconds} s it asked for before trying again.`, {
      status: res.status,
      extra: { retryAfterSeconds },
    });
  }
  // FastAPI validation is 422; the advice is the same as for 400.
  return statusError(res, { ...ctx, detail, retryAfterSeconds });
}
