import type { AppErrorShape, ErrorCode } from '../../../shared/result';
import { AppError } from '../errors';

/**
 * A provider call that failed. `ambiguous` is true when the request may have reached the service
 * and been applied even though no answer came back (reset or timeout after sending a POST): the
 * caller must reconcile by listing, never by sending the call again.
 */
export class ProviderError extends AppError {
  readonly ambiguous: boolean;
  readonly status: number | null;

  constructor(
    code: ErrorCode,
    message: string,
    opts: { ambiguous?: boolean; status?: number | null; extra?: Omit<AppErrorShape, 'code' | 'message'> } = {},
  ) {
    super(code, message, opts.extra ?? {});
    this.name = 'ProviderError';
    this.ambiguous = opts.ambiguous ?? false;
    this.status = opts.status ?? null;
  }
}

export const isAmbiguous = (e: unknown): boolean => e instanceof ProviderError && e.ambiguous;

const SECRET_LIKE = /\b(knl_sk_[A-Za-z0-9]+|sk[-_][A-Za-z0-9_-]{6,}|kpat_[A-Za-z0-9_-]+|asm_[A-Za-z0-9_-]+)/g;

/**
 * Services sometimes echo what they were sent. Anything taken from a response goes through
 * here before it can reach a message: the request's token and anything shaped like one are cut.
 */
export function scrubText(text: string, token: string, max = 200): string {
  let out = text;
  if (token.length >= 4) for (const form of encodedForms(token)) out = out.split(form).join('[redacted]');
  out = out.replace(SECRET_LIKE, '[redacted]').replace(/\s+/g, ' ').trim();
  return out.length > max ? `${out.slice(0, max - 1)}…` : out;
}

/**
 * The token as a service might echo it: plain, URL-encoded, hex, and base64/base64url at each
 * of the three byte alignments (inside a longer encoded blob, such as a Basic header or an
 * encoded JSON body, only the characters that depend on the token alone are fixed). Longest
 * first, so a form never survives as the remainder of a shorter one.
 */
export function encodedForms(token: string): string[] {
  const bytes = Buffer.from(token, 'utf8');
  const forms = new Set<string>([token, encodeURIComponent(token), encodeURIComponent(token).toLowerCase().replace(/%[0-9a-f]{2}/gi, (m) => m.toLowerCase()), bytes.toString('hex'), bytes.toString('hex').toUpperCase()]);
  for (let k = 0; k < 3; k++) {
    const b64 = Buffer.concat([Buffer.alloc(k), bytes]).toString('base64').replace(/=+$/, '');
    const core = b64.slice(Math.ceil((k * 8) / 6), Math.floor(((k + bytes.length) * 8) / 6));
    if (core.length >= 6) {
      forms.add(core);
      forms.add(core.replace(/\+/g, '-').replace(/\//g, '_'));
    }
  }
  return [...forms].filter((f) => f.length >= 4).sort((a, b) => b.length - a.length);
}
