import type { Dispatcher } from 'undici';
import type { ResponseBudget } from './budget';
import { ProviderError } from './errors';

/**
 * Reads at most `limit` bytes. Content-Length is checked first, but a body without one (or
 * lying about it) is also cut off while streaming, so memory use stays bounded either way.
 */
export async function readLimited(body: Dispatcher.ResponseData['body'], headerLength: string | undefined, limit: number, service: string, budget?: ResponseBudget): Promise<string> {
  const tooLarge = () =>
    new ProviderError('response_too_large', `${service} sent an answer larger than ${Math.round(limit / 1024)} KiB. Check the workspace's base URL points at the API.`);
  // Destroying an unread undici body emits an abort error: expected here, so it is swallowed.
  const discard = () => {
    body.on('error', () => {});
    body.destroy();
  };
  if (headerLength && Number(headerLength) > limit) {
    discard();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      discard();
      throw tooLarge();
    }
    try {
      budget?.spend((chunk as Buffer).length);
    } catch (e) {
      discard();
      throw e;
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** `null` for an empty body, `undefined` for one that is not JSON: callers decide what each means. */
export function parseJsonLenient(text: string): unknown {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
