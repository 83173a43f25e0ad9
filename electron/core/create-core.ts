import { join } from 'node:path';
import { createHandlers, type Services } from './ipc/handlers';
import { createRouter, type Router } from './ipc/router';
import { stderrLogger } from './log';
import { keychainService, defaultDataDir } from './paths';
import { silentEvents, systemClock, type Clock, type EventSink, type Logger, type SecretStore } from './ports';
import { openDatabase, type Db } from './store/database';
import { KeyringSecretStore } from './store/keyring-secret-store';
import { AuditService } from './vault/audit-service';
import { KeyService } from './vault/key-service';
import { WorkspaceService } from './vault/workspace-service';

export interface CoreDeps {
  dataDir: string;
  secrets: SecretStore;
  clock?: Clock;
  events?: EventSink;
  logger?: Logger;
}

export interface Core {
  router: Router;
  services: Services;
  db: Db;
  dbFile: string;
  close(): void;
}

export const DB_FILE_NAME = 'keydeck.sqlite';

/** The composition root: every service is built here, by hand, in dependency order. */
export function createCore(deps: CoreDeps): Core {
  const clock = deps.clock ?? systemClock;
  const events = deps.events ?? silentEvents;
  const logger = deps.logger ?? stderrLogger();
  const dbFile = join(deps.dataDir, DB_FILE_NAME);
  const db = openDatabase(dbFile);

  const keys = new KeyService(db, deps.secrets, clock, events);
  const workspaces = new WorkspaceService(db, keys, clock, events);
  const audit = new AuditService(db);
  const services: Services = { keys, workspaces, audit };
  const router = createRouter(createHandlers(services), logger);

  return { router, services, db, dbFile, close: () => db.close() };
}

/** What the app and the CLI use: the real keychain and the shared data directory. */
export function createDefaultCore(overrides: Partial<CoreDeps> = {}): Core {
  return createCore({
    dataDir: defaultDataDir(),
    secrets: new KeyringSecretStore(keychainService()),
    ...overrides,
  });
}
