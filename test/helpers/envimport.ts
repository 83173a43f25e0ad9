import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DemoImitations } from '../imitations';

/** The plaintext a service showed once for a seeded key, looked up by name. */
export const kernelSecretOf = (demo: DemoImitations, name: string) => [...demo.kernel.keys.values()].find((k) => k.name === name)!.plaintext;
export const kernleSecretOf = (demo: DemoImitations, name: string) => [...demo.kernle.keys.values()].find((k) => k.name === name)!.plaintext;

/**
 * A `.env` as people keep them: a comment header, `export`, three quoting styles, blank lines,
 * unrelated settings, an inline comment, one CRLF line, a Stripe key that merely starts like a
 * Kernel key, and tokens of two services.
 */
export function realisticEnv(t: { ciDeploy: string; memorySync: string; fresh: string; asimov: string }): string {
  return [
    '# billing — local development settings',
    'APP_NAME=billing',
    'export NODE_ENV="development"',
    '',
    '# kernel.sh: the CI deploy key',
    `KERNEL_API_KEY="${t.ciDeploy}"   # rotated quarterly`,
    `export KERNLE_API_KEY='${t.memorySync}'\r`,
    'DATABASE_URL=postgres://localhost:5432/billing # local only',
    '',
    `KERNEL_API_KEY_STAGING=${t.fresh}`,
    `KERNEL_TOKEN=${t.asimov}`,
    'STRIPE_SECRET_KEY=sk_test_51HxAbCdEfGhIjKlMnOpQrStUv',
    'EMPTY=',
    '',
  ].join('\n');
}

/** A folder named like a project, holding `.env` with the given text and mode. */
export function envFile(text: string | Buffer, mode = 0o640): { dir: string; path: string } {
  const dir = join(mkdtempSync(join(tmpdir(), 'keydeck-env-')), 'billing');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, '.env');
  writeFileSync(path, text);
  chmodSync(path, mode);
  return { dir, path };
}
