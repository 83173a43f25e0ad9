import type { ProviderId } from './provider';
import { isReference } from './reference';

/** What a variable name or value says about the service a token belongs to. */
export interface Recognition {
  provider: ProviderId;
  /** `name`: the variable follows the service's convention. `prefix`: only the value's prefix says so. */
  by: 'name' | 'prefix';
  /** A prefix several services (or other vendors) share, e.g. `sk_`: counts only when a synced key matches it. */
  weak: boolean;
}

const SECRET_WORD = /(?:^|_)(?:API_?KEY|KEY|TOKEN|SECRET|PAT|CREDENTIALS?)(?:_|$)/;

/**
 * The env var conventions of providers.md and shared/domain/provider.ts (`KERNEL_API_KEY`,
 * `KERNLE_API_KEY`, `KERNEL_TOKEN`, `KINESIS_API_TOKEN`) widened to the names people write
 * (`PROD_KERNEL_API_KEY`, `KINESIS_TOKEN`). A name must also say it holds a secret, so
 * `KERNEL_BASE_URL` is never taken for a token.
 */
function byName(name: string): ProviderId | null {
  const n = name.toUpperCase();
  if (!SECRET_WORD.test(n)) return null;
  if (n.includes('KERNLE')) return 'kernle';
  if (n.includes('KINESIS')) return 'kinesis';
  if (n.includes('ASIMOV')) return 'asimov-kernel';
  if (/(?:^|_)KERNEL(?:_|$)/.test(n)) return /(?:^|_)(?:TOKEN|PAT)(?:_|$)/.test(n) ? 'asimov-kernel' : 'kernel-sh';
  return null;
}

/** Known token prefixes. `knl_sk_` is Kernle's alone; `sk_` and `sk-` are shared with other vendors (Stripe, OpenAI). */
const PREFIXES: Array<{ prefix: string; provider: ProviderId; weak: boolean }> = [
  { prefix: 'knl_sk_', provider: 'kernle', weak: false },
  { prefix: 'sk_', provider: 'kernel-sh', weak: true },
  { prefix: 'sk-', provider: 'kernle', weak: true },
];

/** One opaque word of at least 8 characters, not a URL, not already a reference. */
export function looksLikeToken(value: string): boolean {
  return value.length >= 8 && value.length <= 8192 && /^[\x21-\x7e]+$/.test(value) && !value.includes('://') && !isReference(value);
}

export function recognise(name: string, value: string): Recognition | null {
  if (!looksLikeToken(value)) return null;
  const strong = PREFIXES.find((p) => !p.weak && value.startsWith(p.prefix));
  // A distinctive prefix outranks the name: `KERNEL_API_KEY=knl_sk_…` is a Kernle key in the wrong variable.
  if (strong) return { provider: strong.provider, by: 'prefix', weak: false };
  const named = byName(name);
  if (named) return { provider: named, by: 'name', weak: false };
  const prefixed = PREFIXES.find((p) => value.startsWith(p.prefix));
  return prefixed ? { provider: prefixed.provider, by: 'prefix', weak: true } : null;
}
