/**
 * Channel and event names, free of zod so the sandboxed preload can check names
 * without bundling any schema. `contract.ts` is checked against these lists both ways.
 */
export const CHANNELS = [
  'providers.list',
  'workspaces.list',
  'workspaces.add',
  'workspaces.update',
  'workspaces.remove',
  'keys.list',
  'keys.get',
  'keys.history',
  'keys.import',
  'keys.reveal',
  'keys.delete',
  'keys.copy',
  'clipboard.clear',
  'audit.list',
  'settings.get',
  'settings.update',
  'expiry.status',
  'expiry.check',
  'expiry.snooze',
  'expiry.unsnooze',
  'expiry.setWarningDays',
  'workspaces.connect',
  'workspaces.refresh',
  'workspaces.sweep',
  'keys.create',
  'keys.rotate',
  'keys.revoke',
  'keys.tokenPage',
  'keys.guidedRotate',
  'keys.guidedCreate',
  'keys.confirmRevoked',
  'rotations.list',
  'rotations.attention',
  'attention.list',
  'rotations.resolve',
  'usages.list',
  'usages.add',
  'usages.remove',
  'refs.resolve',
  'refs.workspace',
  'keys.reference',
  'keys.setHandle',
  'keys.copyReference',
  'envImport.preview',
  'envImport.apply',
  'files.pickFile',
  'cli.installLink',
  'health.overview',
  'leaks.overview',
  'leaks.list',
  'leaks.addSource',
  'leaks.removeSource',
  'leaks.scan',
  'leaks.resolve',
] as const;
export type Channel = (typeof CHANNELS)[number];

export const EVENTS = ['vault.changed', 'settings.changed', 'expiry.changed', 'ui.focusKey', 'ui.showScreen', 'clipboard.changed', 'sync.progress', 'rotation.progress', 'leaks.progress', 'leaks.changed'] as const;
export type EventName = (typeof EVENTS)[number];

/** The only two Electron IPC channels: every contract call and event is multiplexed over them. */
export const IPC_INVOKE = 'keydeck:invoke';
export const IPC_EVENT = 'keydeck:event';

export const isChannel = (name: unknown): name is Channel =>
  typeof name === 'string' && (CHANNELS as readonly string[]).includes(name);
export const isEventName = (name: unknown): name is EventName =>
  typeof name === 'string' && (EVENTS as readonly string[]).includes(name);
