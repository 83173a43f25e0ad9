import { PROVIDER_IDS, PROVIDERS } from '../../../shared/domain';
import type { ClipboardService } from '../clipboard/clipboard-service';
import type { ExpiryService } from '../expiry/expiry-service';
import type { SettingsService } from '../settings/settings-service';
import type { AuditService } from '../vault/audit-service';
import type { KeyService } from '../vault/key-service';
import type { WorkspaceService } from '../vault/workspace-service';
import type { SyncService } from '../sync';
import type { RotationService } from '../rotation';
import type { Handlers } from './router';
import type { ReferenceService } from '../vault/references';
import type { EnvImportService } from '../envimport/env-import-service';
import type { CliInstaller, FilePicker } from '../ports';
import { needsAttention } from '../expiry/needs-attention';
import type { HealthService } from '../health/health-service';
import type { LeakService } from '../leaks/leak-service';
import type { LeakScheduler } from '../leaks/scheduler';

export interface Services {
  workspaces: WorkspaceService;
  keys: KeyService;
  audit: AuditService;
  settings: SettingsService;
  expiry: ExpiryService;
  clipboard: ClipboardService;
  sync: SyncService;
  rotation: RotationService;
  refs: ReferenceService;
  envImport: EnvImportService;
  files: FilePicker;
  cliInstaller: CliInstaller;
  health: HealthService;
  leaks: LeakService;
  leakScheduler: LeakScheduler;
}

export function createHandlers(s: Services): Handlers {
  return {
    'providers.list': () => PROVIDER_IDS.map((id) => PROVIDERS[id]),
    'workspaces.list': () => s.workspaces.list(),
    'workspaces.add': (input) => s.workspaces.add(input),
    'workspaces.update': (input) => s.workspaces.update(input),
    'workspaces.remove': (input) => s.workspaces.remove(input),
    'keys.list': (input) => s.keys.list(input),
    'keys.get': ({ id }) => s.keys.get(id),
    'keys.history': ({ id }) => s.keys.history(id),
    'keys.import': (input) => s.keys.import(input),
    'keys.reveal': ({ id, purpose }) => s.keys.reveal(id, purpose),
    'keys.delete': ({ id }) => s.keys.delete(id),
    'keys.copy': ({ id }) => s.clipboard.copy(id),
    'clipboard.clear': async () => ({ cleared: await s.clipboard.clear() }),
    'audit.list': (input) => s.audit.list(input),
    'settings.get': () => s.settings.get(),
    'settings.update': (patch) => s.settings.update(patch),
    'expiry.status': () => s.expiry.status(),
    'expiry.check': () => s.expiry.check(),
    'expiry.snooze': ({ id }) => s.expiry.snooze(id),
    'expiry.unsnooze': ({ id }) => s.expiry.unsnooze(id),
    'expiry.setWarningDays': ({ id, days }) => s.expiry.setWarningDays(id, days),
    'workspaces.connect': (input) => s.sync.connect(input),
    'workspaces.refresh': ({ id }) => s.sync.refresh(id),
    'workspaces.sweep': () => s.sync.sweep(),
    'keys.create': (input) => s.rotation.create(input),
    'keys.rotate': (input) => s.rotation.rotate(input),
    'keys.revoke': (input) => s.rotation.revoke(input),
    'keys.tokenPage': ({ workspaceId }) => s.rotation.tokenPage(workspaceId),
    'keys.guidedRotate': (input) => s.rotation.guidedRotate(input),
    'keys.guidedCreate': (input) => s.rotation.guidedCreate(input),
    'keys.confirmRevoked': ({ id }) => s.rotation.confirmRevoked(id),
    'rotations.list': (input) => s.rotation.listRotations(input),
    'rotations.attention': () => s.rotation.attention(),
    // A fresh check, not the cached status: the CLI (a fresh process) and the window must agree.
    'attention.list': () => needsAttention(s.rotation.attention(), s.expiry.status()),
    'rotations.resolve': (input) => s.rotation.resolve(input),
    'usages.list': ({ keyId }) => s.rotation.usages.list(keyId),
    'usages.add': (input) => s.rotation.usages.add(input),
    'usages.remove': ({ id }) => s.rotation.usages.remove(id),
    'refs.resolve': ({ ref, workspace, purpose }) => {
      const r = s.refs.resolveKey(ref, { purpose, ...(workspace ? { workspace } : {}) });
      return { key: s.refs.summary(r.row), reference: r.reference };
    },
    'refs.workspace': ({ ref }) => s.workspaces.get(s.refs.resolveWorkspace(ref).id),
    'keys.reference': ({ id }) => s.refs.referenceFor(id),
    'keys.setHandle': ({ id, handle }) => s.refs.setHandle(id, handle),
    'keys.copyReference': async ({ id }) => {
      const ref = s.refs.referenceFor(id);
      await s.clipboard.copyText(ref.reference);
      return ref;
    },
    'envImport.preview': (input) => s.envImport.preview(input),
    'envImport.apply': (input) => s.envImport.apply(input),
    'files.pickFile': async ({ purpose }) => {
      const path = await s.files.pickFile(purpose);
      return path ? { path } : null;
    },
    'cli.installLink': () => s.cliInstaller.install(),
    'health.overview': (input) => s.health.overview(input),
    'leaks.overview': () => s.leaks.overview(s.leakScheduler.nextDueAt()),
    'leaks.list': ({ includeResolved }) => s.leaks.list(includeResolved ?? false),
    'leaks.addSource': ({ path }) => s.leaks.addSource(path),
    'leaks.removeSource': ({ path }) => s.leaks.removeSource(path),
    'leaks.scan': ({ paths, trigger }) => s.leaks.scan({ ...(paths ? { paths } : {}), trigger: trigger ?? 'manual' }),
    'leaks.resolve': ({ id }) => s.leaks.resolveFinding(id),
  };
}
