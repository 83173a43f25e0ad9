import { characterClass } from '../../../shared/domain';
import { ProviderError } from './errors';
import type { HttpRequest } from './types';

/** Visible ASCII: what a header value may hold without undici (or a proxy) refusing or splitting it. */
const HEADER_SAFE = /^[\x21-\x7e]+(?:[ \t]+[\x21-\x7e]+)*$/;

function firstBad(value: string): { position: number; what: string } | null {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0x21 && c <= 0x7e) continue;
    const lone = c >= 0xd800 && c <= 0xdfff;
    return { position: i + 1, what: characterClass(value.codePointAt(i) ?? c, lone) };
  }
  return null;
}

/**
 * Refuses, before anything is sent, a request undici would reject for an invalid header byte.
 * undici's own rejection happens after it has taken a pooled connection, which it then never
 * gives back (and a GET would be retried into the same trap): a few such calls freeze every
 * later request to that host. Nothing is sent, so this is not retryable and not ambiguous.
 */
export function assertSendable(req: HttpRequest): void {
  const bad = req.token === '' ? { position: 1, what: 'nothing' } : firstBad(req.token);
  if (bad) {
    throw new ProviderError(
      'invalid_request',
      `The key Keydeck holds for this ${req.service} workspace cannot be sent: it holds ${bad.what} at position ${bad.position}. Nothing was sent. Connect the workspace again with a fresh copy of the token.`,
    );
  }
  for (const [name, value] of Object.entries(req.headers ?? {})) {
    if (value === '' || HEADER_SAFE.test(value)) continue;
    const where = firstBad(value);
    throw new ProviderError(
      'invalid_request',
      `The ${name} header for ${req.service} holds ${where?.what ?? 'a character headers cannot carry'}${where ? ` at position ${where.position}` : ''}. Nothing was sent; correct the workspace's settings (for example its project id).`,
    );
  }
}
