import { EnvVarNameSchema, TokenPageSchema, VerifyRequestSchema, type VerifyRequest } from '../../../shared/domain';
import type { WorkspaceRow } from './rows';

/** What a workspace stores in `provider_options`: names, paths and pages, never a secret. */
export interface ProviderOptions {
  verify?: VerifyRequest;
  tokenPage?: string;
  envVar?: string;
}

/** A row's options; a value this version cannot read counts as "defaults", never as an error. */
export function providerOptionsOf(row: Pick<WorkspaceRow, 'provider_options'>): ProviderOptions {
  if (!row.provider_options) return {};
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(row.provider_options) as Record<string, unknown>;
  } catch {
    return {};
  }
  const out: ProviderOptions = {};
  const verify = VerifyRequestSchema.safeParse(raw.verify);
  if (verify.success) out.verify = verify.data;
  const page = TokenPageSchema.safeParse(raw.tokenPage);
  if (page.success) out.tokenPage = page.data;
  const env = EnvVarNameSchema.safeParse(raw.envVar);
  if (env.success) out.envVar = env.data;
  return out;
}

export function serializeProviderOptions(o: ProviderOptions): string | null {
  const kept = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null));
  return Object.keys(kept).length ? JSON.stringify(kept) : null;
}
