import { join } from 'node:path';
import { createHandlers, type Services } from './ipc/handlers';
import { createRouter, type Router } from './ipc/router';
import { stderrLogger } from './log';
import { keychainService, defaultDataDir } from './paths';
import { noIndicator, silentEvents, silentNotifier, systemClock, type Clock, type CoreEvent, type EventSink, type Clipboard, type Logger, type Notifier, type SecretStore, type StatusIndicator } from './ports';
import { ExpiryScheduler, realTimers, type Timers } from './expiry/scheduler';
import { ExpiryService } from './expiry/expiry-service';
import { SettingsService } from './settings/settings-service';
import { ClipboardService, noClipboard } from './clipboard/clipboard-service';
import { openDatabase, type Db } from './store/database';
import { KeyringSecretStore } from './store/keyring-secret-store';
import { AuditService } from './vault/audit-service';
import { KeyService } from './vault/key-service';
import { WorkspaceService } from './vault/workspace-service';
import { HttpClient } from './http';
import { ProviderRegistry, type ProviderRegistryOptions } from './providers';
import { SyncService, type SyncLimits } from './sync';
import { RotationService } from './rotation';
import { RefreshScheduler } from './sync/refresh-scheduler';
import { ChangeFeed } from './store/change-feed';
import { ReferenceService } from './vault/references';
import { EnvImportService } from './envimport/env-import-service';
import { noCliInstaller, noFilePicker } from './shell-defaults';
import type { CliInstaller, FilePicker } from './ports';
import { homedir } from 'node:os';
import { HealthService } from './health/health-service';
import type { LeakSummarySource } from './health/leak-source';
import { LeakService } from './leaks/leak-service';
import { LeakScheduler } from './leaks/scheduler';

export interface CoreDeps {
  dataDir: string;
  secrets: SecretStore;
  clock?: Clock;
  events?: EventSink;
  logger?: Logger;
  notifier?: Notifier;
  indicator?: StatusIndicator;
  timers?: Timers;
  clipboard?: Clipboard;
  /** Provider HTTP: tests pass short timeouts and a recording sleep; the app gets the defaults. */
  http?: HttpClient;
  providers?: ProviderRegistryOptions;
  syncLimits?: SyncLimits;
  /** The change feed's poll: its own, so tests that fire the schedulers' timers by hand never see it. */
  changeTimers?: Timers;
  /** The shell's file dialog (the window); absent in the CLI, which takes paths as arguments. */
  files?: FilePicker;
  /** The shell's PATH link installer (packaged app). */
  cliInstaller?: CliInstaller;
  /** Leak finder: where shell history is read (tests: their own folder, never a person's home), git binary and per-source deadline. */
  leaks?: { shellHome?: string | null; gitBin?: string; sourceDeadlineMs?: number };
  /** Open leak findings per key for the health overview: the leak finder's unless a test gives its own. */
  leakSummary?: LeakSummarySource;
}

export interface Core {
  router: Router;
  services: Services;
  /** Started by the app only: the CLI checks on demand and never notifies. */
  expiryScheduler: ExpiryScheduler;
  /** Started by the app only: re-reads the services on a schedule (and on "Check now"). */
  refreshScheduler: RefreshScheduler;
  /** Started by the app only: scans for leaked keys on the user's schedule. */
  leakScheduler: LeakScheduler;
  /** Commits by other processes (CLI, another window); started by the app and by `keydeck run --restart-on-rotate`. */
  changes: ChangeFeed;
  db: Db;
  dbFile: string;
  /**
   * The app's start: finish or undo interrupted rotations first, so no refresh or warning
   * looks at a half-rotated key; then the timers. The CLI runs only the reconcile.
   */
  start(): Promise<void>;
  close(): void;
}

export const DB_FILE_NAME = 'keydeck.sqlite';

/** The composition root: every service is built here, by hand, in dependency order. */
export function createCore(deps: CoreDeps): Core {
  const clock = deps.clock ?? systemClock;
  const sink = deps.events ?? silentEvents;
  let onEvent: (e: CoreEvent) => void = () => {};
  // Every event reaches the shell; key and settings changes also make the watcher look again.
  const events: EventSink = { emit: (e) => (sink.emit(e), onEvent(e)) };
  const logger = deps.logger ?? stderrLogger();
  const dbFile = join(deps.dataDir, DB_FILE_NAME);
  const db = openDatabase(dbFile);

  const keys = new KeyService(db, deps.secrets, clock, events);
  const workspaces = new WorkspaceService(db, keys, clock, events);
  const audit = new AuditService(db);
  const settings = new SettingsService(db, events);
  // The leak finder before the overview that counts its findings and the watcher that shows them.
  const leaks = new LeakService({
    db, secrets: deps.secrets, clock, events, logger, notifier: deps.notifier ?? silentNotifier,
    shellHome: deps.leaks?.shellHome === undefined ? homedir() : deps.leaks.shellHome,
    git: { ...(deps.leaks?.gitBin ? { bin: deps.leaks.gitBin } : {}), ...(deps.leaks?.sourceDeadlineMs ? { sourceDeadlineMs: deps.leaks.sourceDeadlineMs } : {}) },
    // A scan or a resolve changes the leaked keys: the watcher checks again (tray badge, menu).
    onChange: () => expiryScheduler.changed(),
  });
  const health = new HealthService(db, settings, clock, deps.leakSummary ?? leaks);
  const expiry = new ExpiryService(db, clock, settings, deps.notifier ?? silentNotifier, deps.indicator ?? noIndicator, events, health);
  const expiryScheduler = new ExpiryScheduler(expiry, clock, deps.timers ?? realTimers);
  const clipboard = new ClipboardService(keys, deps.clipboard ?? noClipboard, clock, deps.timers ?? realTimers, settings, events);
  const http = deps.http ?? new HttpClient({ clock, logger });
  const providers = new ProviderRegistry(http, { clock, ...deps.providers });
  const sync = new SyncService(db, deps.secrets, keys, providers, clock, events, logger, deps.syncLimits);
  const refreshScheduler = new RefreshScheduler(db, sync, expiry, clock, deps.timers ?? realTimers, logger);
  const rotation = new RotationService({ db, secrets: deps.secrets, keys, providers, clock, events, logger, settings, timers: deps.timers ?? realTimers });
  const refs = new ReferenceService(db, clock, events);
  const envImport = new EnvImportService({ db, secrets: deps.secrets, providers, usages: rotation.usages, clock, events });
  const leakScheduler = new LeakScheduler(clock, deps.timers ?? realTimers, () => settings.get().leakScanSchedule, () => leaks.state.lastScanAt(), () => leaks.scan({ trigger: 'schedule' }), logger);
  const services: Services = { keys, workspaces, audit, settings, expiry, clipboard, sync, rotation, refs, envImport, files: deps.files ?? noFilePicker, cliInstaller: deps.cliInstaller ?? noCliInstaller, health, leaks, leakScheduler };
  onEvent = (e) => {
    // Workspaces too: a policy change moves keys in or out of "over policy" on the tray badge.
    if ((e.name === 'vault.changed' && (e.payload.scope === 'keys' || e.payload.scope === 'workspaces')) || e.name === 'settings.changed') expiryScheduler.changed();
    if (e.name === 'settings.changed') leakScheduler.resume();
  };
  const router = createRouter(createHandlers(services), logger);
  // Another process's commit reaches every listener as the same events our own writes emit.
  const changes = new ChangeFeed(db, deps.changeTimers ?? realTimers);
  // Only what changed: a `keydeck read` elsewhere (an audit entry) refreshes the audit views, not the key list.
  changes.subscribe((c) => {
    if (c.workspaces) events.emit({ name: 'vault.changed', payload: { scope: 'workspaces' } });
    // Attention items (the journal) and usages are shown with the keys.
    if (c.keys || c.rotations || c.usages) events.emit({ name: 'vault.changed', payload: { scope: 'keys' } });
    events.emit({ name: 'vault.changed', payload: { scope: 'audit' } });
    if (c.leaks) leaks.changed();
  });

  let closed = false;
  return {
    router,
    services,
    expiryScheduler,
    refreshScheduler,
    leakScheduler,
    changes,
    db,
    dbFile,
    async start() {
      await rotation.reconcile().catch((e: unknown) => logger.warn('rotation reconcile failed', { error: e instanceof Error ? e.name : typeof e }));
      if (closed) return;
      rotation.startScheduler();
      changes.start();
      expiryScheduler.start();
      refreshScheduler.start();
      leakScheduler.start();
    },
    close: () => {
      // Idempotent: the app's will-quit and a test's cleanup may both call it.
      if (closed) return;
      closed = true;
      changes.stop();
      expiryScheduler.stop();
      rotation.stop();
      refreshScheduler.stop();
      leakScheduler.stop();
      void http.close().catch(() => {});
      db.close();
    },
  };
}

/** What the app and the CLI use: the real keychain and the shared data directory. */
export function createDefaultCore(overrides: Partial<CoreDeps> = {}): Core {
  return createCore({
    dataDir: defaultDataDir(),
    secrets: new KeyringSecretStore(keychainService()),
    ...overrides,
  });
}
