import { useUi } from '../store/ui-store';
import { AddWorkspaceDialog } from './AddWorkspaceDialog';
import { DeleteKeyDialog } from './DeleteKeyDialog';
import { ImportKeyDialog } from './ImportKeyDialog';

/** The one open dialog, if any. */
export function Dialogs() {
  const dialog = useUi((s) => s.dialog);
  const close = useUi((s) => s.close);
  switch (dialog.kind) {
    case 'add-workspace':
      return <AddWorkspaceDialog onClose={close} />;
    case 'import-key':
      return <ImportKeyDialog initialWorkspaceId={dialog.workspaceId} onClose={close} />;
    case 'delete-key':
      return <DeleteKeyDialog key={dialog.keyId} keyId={dialog.keyId} onClose={close} />;
    case 'none':
      return null;
  }
}
