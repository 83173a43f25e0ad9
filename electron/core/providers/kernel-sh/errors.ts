import { statusError, type HttpResponse, type StatusContext } from '../../http';
import { KernelErrorSchema } from './schemas';

/** kernel.sh errors: `{code, message, details?: [{code?, message?}]}`. */
export function kernelError(res: HttpResponse, ctx: Omit<StatusContext, 'detail' | 'retryAfterSeconds'> & { retryAfterSeconds?: number | null } = {}) {
  const parsed = KernelErrorSchema.safeParse(res.body);
  let detail: string | null = null;
  if (parsed.success) {
    const parts = [parsed.data.message, ...(parsed.data.details ?? []).map((d) => d.message)].filter(Boolean);
    detail = parts.join(' — ') || parsed.data.code || null;
  }
  return statusError(res, { notFoundAdvice: 'Refresh the workspace; a project-scoped key only sees its own project.', ...ctx, detail });
}
