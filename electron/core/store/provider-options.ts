import { VerifyRequestSchema, type VerifyRequest } from '../../../shared/domain';
import type { WorkspaceRow } from './rows';

/** What a workspace stores in `provider_options`: names and paths, never a secret. */
export interface ProviderOptions {
  verify?: VerifyRequest;
}

/** A row's options; a value this version cannot read counts as "defaults", never as an error. */
export function providerOptionsOf(row: Pick<WorkspaceRow, 'provider_options'>): ProviderOptions {
  if (!row.provider_options) return {};
  try {
    const raw = JSON.parse(row.provider_options) as { verify?: unknown };
    const verify = VerifyRequestSchema.safeParse(raw.verify);
    return verify.success ? { verify: verify.data } : {};
  } catch {
    return {};
  }
}

export function serializeProviderOptions(o: ProviderOptions): string | null {
  return o.verify ? JSON.stringify(o) : null;
}
