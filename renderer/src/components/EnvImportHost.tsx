import { useEnvImport } from '../store/env-import-store';
import { EnvImportDialog } from './EnvImportDialog';

/** Mounts the `.env` import dialog while it is open. */
export function EnvImportHost() {
  const openFor = useEnvImport((s) => s.openFor);
  const close = useEnvImport((s) => s.close);
  return openFor ? <EnvImportDialog initialWorkspaceId={openFor.workspaceId} onClose={close} /> : null;
}
