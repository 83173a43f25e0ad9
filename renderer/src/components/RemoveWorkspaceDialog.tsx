import { useState } from 'react';
import { client } from '../lib/client';
import { useVault } from '../store/vault-store';
import { useView } from '../store/view-store';
import { Dialog } from './Dialog';
import { ErrorBanner } from './ErrorBanner';
import type { AppErrorShape } from '../../../shared/result';

/** Removing a workspace takes its keys and their keychain items with it: confirmed by typing its name. */
export function RemoveWorkspaceDialog({ workspaceId, onClose }: { workspaceId: string; onClose(): void }) {
  const workspace = useVault((s) => s.workspaces.find((w) => w.id === workspaceId));
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<AppErrorShape | null>(null);
  if (!workspace) return null;
  const ws = workspace;
  const matches = typed.trim() === ws.name;
  const keys = ws.keyCount;

  async function remove() {
    if (!matches) return;
    setBusy(true);
    const r = await client.invoke('workspaces.remove', { id: ws.id, deleteKeys: true });
    setBusy(false);
    if (!r.ok) {
      setFailure(r.error);
      return;
    }
    if (useView.getState().workspaceId === ws.id) useView.getState().selectWorkspace(null);
    const vault = useVault.getState();
    await Promise.all([vault.refreshWorkspaces(), vault.refreshKeys(), vault.refreshExpiry(), vault.refreshAttention()]);
    onClose();
  }

  return (
    <Dialog
      title={`Remove “${ws.name}”?`}
      role="alertdialog"
      size="small"
      onClose={onClose}
      description={
        <>
          Keydeck forgets this workspace and its {keys} {keys === 1 ? 'key' : 'keys'}, and deletes their secrets and the management key from your OS
          keychain. The keys stay valid at the service: revoke them there if nobody needs them.
        </>
      }
    >
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void remove();
        }}
      >
        {failure ? <ErrorBanner error={failure} /> : null}
        <label className="field">
          <span className="field-label">Type {ws.name} to confirm</span>
          <input type="text" value={typed} autoComplete="off" spellCheck={false} onChange={(e) => setTyped(e.target.value)} data-autofocus />
        </label>
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-danger" aria-disabled={!matches || busy ? true : undefined} title={matches ? undefined : `Type “${ws.name}” first`}>
            {busy ? 'Removing…' : 'Remove workspace'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
