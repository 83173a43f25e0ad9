import { useEnvImport } from '../store/env-import-store';

/** Opens the `.env` import; placed next to "Import key" and in the empty vault. */
export function ImportEnvButton({ workspaceId, primary = false }: { workspaceId: string | null; primary?: boolean }) {
  const open = useEnvImport((s) => s.open);
  return (
    <button type="button" className={`button${primary ? ' button-primary' : ''}`} onClick={() => open(workspaceId)}>
      Import .env file…
    </button>
  );
}
