import { PROVIDER_IDS, PROVIDERS } from '../../../shared/domain';
import type { AuditService } from '../vault/audit-service';
import type { KeyService } from '../vault/key-service';
import type { WorkspaceService } from '../vault/workspace-service';
import type { Handlers } from './router';

export interface Services {
  workspaces: WorkspaceService;
  keys: KeyService;
  audit: AuditService;
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
    'keys.import': (input) => s.keys.import(input),
    'keys.reveal': ({ id }) => s.keys.reveal(id),
    'keys.delete': ({ id }) => s.keys.delete(id),
    'audit.list': (input) => s.audit.list(input),
  };
}
