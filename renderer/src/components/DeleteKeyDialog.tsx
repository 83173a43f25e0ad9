import { useState } from 'react';
import { useVault } from '../store/vault-store';
import { Dialog } from './Dialog';

export function DeleteKeyDialog({ keyId, onClose }: { keyId: string; onClose(): void }) {
  const key = useVault((s) => s.keys.find((k) => k.id === keyId));
  const workspace = useVault((s) => s.workspaces.find((w) => w.id === key?.workspaceId));
  const deleteKey = useVault((s) => s.deleteKey);
  const [busy, setBusy] = useState(false);

  if (!key) return null;
  const where = workspace ? ` from ${workspace.name} (${workspace.environment})` : '';

  return (
    <Dialog
      title={`Delete “${key.name}”?`}
      role="alertdialog"
      size="small"
      onClose={onClose}
      description={
        <>
          Keydeck removes this key{where} and its keychain item. The key itself stays valid at the service: revoke it there if
          nobody needs it any more.
        </>
      }
    >
      <div className="form-actions">
        <button type="button" className="button" onClick={onClose} data-autofocus>
          Cancel
        </button>
        <button
          type="button"
          className="button button-danger"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            await deleteKey(key.id);
            onClose();
          }}
        >
          {busy ? 'Deleting…' : 'Delete key'}
        </button>
      </div>
    </Dialog>
  );
}
