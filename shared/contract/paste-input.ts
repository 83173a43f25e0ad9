import { z } from 'zod';
import { lazySchema } from '../lazy-schema';
import { interpretPaste } from '../domain/paste';
import { KeyImportInput } from './inputs';

/**
 * `keys.import` as it crosses the boundary: a secret pasted as a `.env` line is read as its value
 * first (name and service filled from the variable when the caller gave none), so neither the
 * CLI nor any other caller stores `KERNEL_API_KEY=sk_…` as a secret. The secret rules themselves
 * (SecretSchema) then judge the value as usual.
 */
export const KeyImportWireInput = lazySchema(() =>
  z.preprocess((raw) => {
    if (!raw || typeof raw !== 'object' || typeof (raw as { secret?: unknown }).secret !== 'string') return raw;
    const input = raw as Record<string, unknown> & { secret: string };
    const p = interpretPaste(input.secret);
    if (!p.variable) return raw;
    return {
      ...input,
      secret: p.value,
      ...(input.name === undefined || input.name === '' ? { name: p.suggestedName } : {}),
      ...(input.provider === undefined && p.suggestedProvider ? { provider: p.suggestedProvider } : {}),
    };
    // Typed as the schema it wraps: callers send the same shape, the pipe only reads it more kindly.
  }, KeyImportInput) as unknown as typeof KeyImportInput
);
