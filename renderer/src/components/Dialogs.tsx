import { useSecret } from '../store/secret-store';
import { useUi } from '../store/ui-store';
import { AddWorkspaceDialog } from './AddWorkspaceDialog';
import { ConnectWorkspaceDialog } from './ConnectWorkspaceDialog';
import { CreateKeyDialog } from './CreateKeyDialog';
import { DeleteKeyDialog } from './DeleteKeyDialog';
import { EditWorkspaceDialog } from './EditWorkspaceDialog';
import { RemoveWorkspaceDialog } from './RemoveWorkspaceDialog';
import { ImportKeyDialog } from './ImportKeyDialog';
import { RevokeDialog } from './RevokeDialog';
import { RotateDialog } from './RotateDialog';
import { SecretDialog } from './SecretDialog';

/** The one open dialog, if any. A one-time secret always comes first: it cannot be shown again. */
export function Dialogs() {
  const dialog = useUi((s) => s.dialog);
  const close = useUi((s) => s.close);
  const hasSecret = useSecret((s) => s.current !== null);
  if (hasSecret) return <SecretDialog />;
  switch (dialog.kind) {
    case 'add-workspace':
      return <AddWorkspaceDialog onClose={close} />;
    case 'import-key':
      return <ImportKeyDialog initialWorkspaceId={dialog.workspaceId} onClose={close} />;
    case 'delete-key':
      return <DeleteKeyDialog key={dialog.keyId} keyId={dialog.keyId} onClose={close} />;
    case 'connect-workspace':
      return <ConnectWorkspaceDialog key={dialog.workspaceId} workspaceId={dialog.workspaceId} onClose={close} />;
    case 'edit-workspace':
      return <EditWorkspaceDialog key={dialog.workspaceId} workspaceId={dialog.workspaceId} onClose={close} />;
    case 'remove-workspace':
      return <RemoveWorkspaceDialog key={dialog.workspaceId} workspaceId={dialog.workspaceId} onClose={close} />;
    case 'create-key':
      return <CreateKeyDialog key={dialog.workspaceId} workspaceId={dialog.workspaceId} onClose={close} />;
    case 'rotate-key':
      return <RotateDialog key={dialog.keyId} keyId={dialog.keyId} onClose={close} />;
    case 'revoke-key':
      return <RevokeDialog key={dialog.keyId} keyId={dialog.keyId} onClose={close} />;
    case 'none':
      return null;
  }
}
