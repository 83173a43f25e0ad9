import { HttpClient, type HttpClientOptions } from '../../../electron/core/http';

/** Backoff waits recorded instead of slept: tests assert on them and never wait real seconds. */
export interface RecordingHttp {
  http: HttpClient;
  sleeps: number[];
}

/** Short timeouts so a "slow" fault trips them in a fraction of a second. */
export function testHttp(opts: HttpClientOptions = {}): RecordingHttp {
  const sleeps: number[] = [];
  const http = new HttpClient({
    timeouts: { connectMs: 1_000, headersMs: 400, bodyMs: 400 },
    maxResponseBytes: 256 * 1024,
    random: () => 0.5,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...opts,
  });
  return { http, sleeps };
}

/** Every string the client was given as a secret must be absent from what the user sees. */
export function expectNoSecret(text: string, secrets: string[]): void {
  for (const s of secrets) if (s && text.includes(s)) throw new Error(`a secret leaked into: ${text}`);
}

/** Runs `fn`, expects it to throw, and returns the error for assertions. */
export async function failure(fn: () => Promise<unknown>): Promise<{ code: string; message: string; ambiguous?: boolean; extra?: { retryAfterSeconds?: number } }> {
  try {
    await fn();
  } catch (e) {
    return e as { code: string; message: string };
  }
  throw new Error('expected the call to fail');
}
