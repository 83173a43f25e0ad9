import type { KeySummary } from '../../../shared/domain';
import { client } from './client';
import { useActivity } from '../store/activity-store';
import { useUi } from '../store/ui-store';
import { useVault } from '../store/vault-store';

/** Copy in the main process: the renderer only learns when the clipboard will be cleared. */
export async function copyKey(key: KeySummary): Promise<void> {
  const r = await client.invoke('keys.copy', { id: key.id });
  if (r.ok) useActivity.getState().setClipboard({ keyId: key.id, clearsAt: r.value.clearsAt });
  else useVault.getState().showError(r.error);
}

/** Why a key cannot be rotated or revoked from here, or null when it can. */
export function cannotRotate(key: KeySummary): string | null {
  if (!key.workspaceId) return 'Add this key to a workspace first: rotation needs the workspace’s management key.';
  if (key.status === 'revoked' || key.status === 'deleted_remote') return 'This key no longer exists at the service.';
  return null;
}

export function openRotate(key: KeySummary): void {
  const why = cannotRotate(key);
  if (why) useVault.getState().showError({ code: 'unsupported', message: why });
  else useUi.getState().open({ kind: 'rotate-key', keyId: key.id });
}

export function openRevoke(key: KeySummary): void {
  const why = cannotRotate(key);
  if (why) useVault.getState().showError({ code: 'unsupported', message: why });
  else useUi.getState().open({ kind: 'revoke-key', keyId: key.id });
}
