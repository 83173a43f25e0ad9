import { z } from 'zod';
import { lazySchema } from '../lazy-schema';

export const PROVIDER_IDS = ['kernel-sh', 'kernle', 'asimov-kernel', 'kinesis', 'other'] as const;
export const ProviderIdSchema = lazySchema(() => z.enum(PROVIDER_IDS));
export type ProviderId = z.infer<typeof ProviderIdSchema>;

export type RotateCapability = 'atomic-with-grace' | 'atomic' | 'create-then-delete' | 'guided';
export type RevokeCapability = 'api' | 'guided';
export type ExpiryModel =
  | { kind: 'days'; min: number; max: number; allowNever: boolean }
  | { kind: 'presets'; presetsDays: number[]; allowCustom: boolean }
  | { kind: 'window' }
  | { kind: 'none' };
export type ScopeModel =
  | { kind: 'none' }
  | { kind: 'project' }
  | { kind: 'fixed'; scopes: string[] }
  | { kind: 'permissions'; permissions: string[] };

/** What a provider can do, as the UI and the engines need to know it. Data only. */
export interface ProviderInfo {
  id: ProviderId;
  label: string;
  vendor: string;
  defaultBaseUrl: string | null;
  envVar: string;
  capabilities: {
    list: boolean;
    create: boolean;
    rename: boolean;
    rotate: RotateCapability;
    revoke: RevokeCapability;
    verify: boolean;
  };
  expiry: ExpiryModel;
  scopes: ScopeModel;
  /** Where a person creates or revokes tokens by hand (guided flows); relative to the base URL when it starts with '/'. */
  tokenPage: string | null;
  /** `default`: the documented URL unless overridden; `required`: self-hosted; `optional`: a token may live without one. */
  baseUrlRule: 'default' | 'required' | 'optional';
  /** The call that proves a token works when a workspace sets none; null = none (tokens are stored unchecked). */
  defaultVerifyPath: string | null;
  /**
   * What a workspace of this service may set for itself: its verify call (path + expected
   * status; self-hosted services differ in what a token may read), its token page, its env var.
   */
  workspaceOptions: { verifyRequest: boolean; tokenPage: boolean; envVar: boolean };
  /** A catch-all kind of service: each workspace is one service, known by the workspace's name ("GitHub"). */
  namedByWorkspace: boolean;
}

/**
 * The service as a person knows it in one workspace: the catalog's label, or the workspace's
 * name where the catalog says so; the env var the workspace named, if it named one.
 */
export function asService(info: ProviderInfo, workspace: { name: string; envVar?: string | undefined } | null | undefined): ProviderInfo {
  if (!workspace) return info;
  const named = info.namedByWorkspace ? { label: workspace.name, vendor: workspace.name } : {};
  return { ...info, ...named, envVar: workspace.envVar ?? info.envVar };
}

const FIXED = { verifyRequest: false, tokenPage: false, envVar: false };

const KINESIS_PERMISSIONS = [
  'USER_FETCH', 'USER_CREATE', 'USER_UPDATE', 'USER_DELETE',
  'CONFIG_FETCH', 'CONFIG_CREATE', 'CONFIG_UPDATE',
  'PROJECT_FETCH', 'PROJECT_CREATE', 'PROJECT_UPDATE',
  'DATA_FETCH', 'DATA_CREATE', 'DATA_UPDATE', 'DATA_DELETE',
  'MEDIA_FETCH', 'MEDIA_CREATE', 'MEDIA_UPDATE',
  'ROUTING_FETCH', 'ROUTING_CREATE_UPDATE',
];

export const PROVIDERS: Record<ProviderId, ProviderInfo> = {
  'kernel-sh': {
    id: 'kernel-sh',
    label: 'Kernel',
    vendor: 'kernel.sh',
    defaultBaseUrl: 'https://api.onkernel.com',
    envVar: 'KERNEL_API_KEY',
    capabilities: { list: true, create: true, rename: true, rotate: 'atomic-with-grace', revoke: 'api', verify: true },
    expiry: { kind: 'days', min: 1, max: 3650, allowNever: true },
    scopes: { kind: 'project' },
    tokenPage: null,
    baseUrlRule: 'default',
    defaultVerifyPath: '/org/api_keys?limit=1',
    workspaceOptions: FIXED,
    namedByWorkspace: false,
  },
  kernle: {
    id: 'kernle',
    label: 'Kernle',
    vendor: 'Kernle',
    defaultBaseUrl: 'https://api.kernle.ai',
    envVar: 'KERNLE_API_KEY',
    capabilities: { list: true, create: true, rename: false, rotate: 'atomic', revoke: 'api', verify: true },
    expiry: { kind: 'none' },
    scopes: { kind: 'none' },
    tokenPage: null,
    baseUrlRule: 'default',
    defaultVerifyPath: '/auth/keys',
    workspaceOptions: FIXED,
    namedByWorkspace: false,
  },
  'asimov-kernel': {
    id: 'asimov-kernel',
    label: 'Kernel by Asimov',
    vendor: 'Asimov',
    defaultBaseUrl: 'https://kernel.asimov.com/api/v1',
    envVar: 'KERNEL_TOKEN',
    capabilities: { list: false, create: false, rename: false, rotate: 'guided', revoke: 'guided', verify: true },
    expiry: { kind: 'presets', presetsDays: [30, 90, 365], allowCustom: true },
    scopes: { kind: 'fixed', scopes: ['read', 'write', 'delete', 'admin'] },
    tokenPage: 'https://kernel.asimov.com/settings/security',
    baseUrlRule: 'default',
    defaultVerifyPath: '/me',
    workspaceOptions: FIXED,
    namedByWorkspace: false,
  },
  kinesis: {
    id: 'kinesis',
    label: 'Kinesis API',
    vendor: 'Kinesis (self-hosted)',
    defaultBaseUrl: null,
    envVar: 'KINESIS_API_TOKEN',
    capabilities: { list: false, create: false, rename: false, rotate: 'guided', revoke: 'guided', verify: true },
    expiry: { kind: 'window' },
    scopes: { kind: 'permissions', permissions: KINESIS_PERMISSIONS },
    tokenPage: '/web/pats',
    baseUrlRule: 'required',
    defaultVerifyPath: '/user/fetch',
    workspaceOptions: { verifyRequest: true, tokenPage: false, envVar: false },
    namedByWorkspace: false,
  },
  other: {
    id: 'other',
    label: 'Other token',
    vendor: 'any bearer-token API',
    defaultBaseUrl: null,
    envVar: 'API_TOKEN',
    capabilities: { list: false, create: false, rename: false, rotate: 'guided', revoke: 'guided', verify: true },
    expiry: { kind: 'presets', presetsDays: [30, 90, 365], allowCustom: true },
    scopes: { kind: 'none' },
    tokenPage: null,
    baseUrlRule: 'optional',
    defaultVerifyPath: null,
    workspaceOptions: { verifyRequest: true, tokenPage: true, envVar: true },
    namedByWorkspace: true,
  },
};
