import { z } from 'zod';
import { lazySchema } from '../lazy-schema';

export const PROVIDER_IDS = ['kernel-sh', 'kernle', 'asimov-kernel', 'kinesis'] as const;
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
}

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
  },
};
