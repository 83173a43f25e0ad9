import type { KeySummary } from '../../../shared/domain';
import { client } from './client';
import { useActivity } from '../store/activity-store';
import { useUi } from '../store/ui-store';
import { useVault } from '../store/vault-store';

/** Copy in the main process: the renderer only learns when the clipboard will be cleared. */
export async function copyKey(key: KeySummary): Promise<void> {
  const why = noSecretReason(key);
  if (why) {
    useVault.getState().showError({ code: 'unsupported', message: why });
    return;
  }
  const r = await client.invoke('keys.copy', { id: key.id });
  if (r.ok) useActivity.getState().setClipboard({ keyId: key.id, clearsAt: r.value.clearsAt });
  else useVault.getState().showError(r.error);
}

/** Why there is no secret to copy or reveal, or null when Keydeck holds it. */
export function noSecretReason(key: KeySummary): string | null {
  if (key.hasSecret) return null;
  return key.source === 'synced'
    ? `Keydeck does not hold the secret of “${key.name}”: it was listed from the service, which never shows a secret twice. Import it, or rotate the key to get a new secret here.`
    : `Keydeck does not hold the secret of “${key.name}”.`;
}

/** Why a key cannot be revoked from here, or null when it can (an old key in grace can: that ends the grace early). */
export function cannotRevoke(key: KeySummary): string | null {
  if (key.status === 'revoked') return 'This key is already revoked.';
  if (key.status === 'deleted_remote') return 'This key no longer exists at the service.';
  if (!key.workspaceId) return 'Add this key to a workspace first: revoking needs the workspace’s management key.';
  return null;
}

/** Why a key cannot be rotated from here, or null when it can. */
export function cannotRotate(key: KeySummary): string | null {
  if (key.status === 'revoked') return 'This key is revoked: there is nothing left to rotate.';
  if (key.status === 'deleted_remote') return 'This key no longer exists at the service.';
  if (key.supersededBy) return 'This key was already replaced by a newer one: rotate that one.';
  if (!key.workspaceId) return 'Add this key to a workspace first: rotation needs the workspace’s management key.';
  return null;
}

export function openRotate(key: KeySummary): void {
  const why = cannotRotate(key);
  if (why) useVault.getState().showError({ code: 'unsupported', message: why });
  else useUi.getState().open({ kind: 'rotate-key', keyId: key.id });
}

export function openRevoke(key: KeySummary): void {
  const why = cannotRevoke(key);
  if (why) useVault.getState().showError({ code: 'unsupported', message: why });
  else useUi.getState().open({ kind: 'revoke-key', keyId: key.id });
}
