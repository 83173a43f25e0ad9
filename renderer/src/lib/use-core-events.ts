import { useEffect } from 'react';
import { client } from './client';
import { applyTheme } from './theme';
import { useActivity } from '../store/activity-store';
import { useUi } from '../store/ui-store';
import { useVault } from '../store/vault-store';
import { useView } from '../store/view-store';

/**
 * The core's events: another window, the CLI, the tray or a timer changed something. Each
 * refetches what it names; nothing is patched locally, so the core stays the one truth.
 */
export function useCoreEvents(): void {
  useEffect(() => {
    const vault = () => useVault.getState();
    const offs = [
      client.on('vault.changed', ({ scope }) => {
        if (scope === 'keys' || scope === 'workspaces') {
          void vault().refreshKeys();
          void vault().refreshWorkspaces();
          void vault().refreshAttention();
          void vault().refreshExpiry();
        }
        // Every change is audited: history views (detail pane, audit log) refetch on this.
        useVault.setState((s) => ({ auditVersion: s.auditVersion + 1 }));
      }),
      client.on('expiry.changed', () => void vault().refreshExpiry()),
      client.on('settings.changed', (settings) => {
        useVault.setState({ settings });
        applyTheme(settings.theme);
        void vault().refreshExpiry();
      }),
      client.on('clipboard.changed', ({ keyId, clearsAt }) => useActivity.getState().setClipboard(keyId && clearsAt ? { keyId, clearsAt } : null)),
      client.on('sync.progress', (p) => useActivity.getState().onSync(p)),
      client.on('rotation.progress', (p) => useActivity.getState().onRotation(p)),
      // From the tray or a notification: show the key, with the action ready.
      client.on('ui.focusKey', ({ keyId, action }) => {
        const view = useView.getState();
        view.selectWorkspace(null);
        view.clearFilters();
        view.selectKey(keyId);
        if (action === 'rotate') useUi.getState().open({ kind: 'rotate-key', keyId });
      }),
      client.on('ui.showScreen', ({ screen }) => useView.getState().setScreen(screen)),
    ];
    return () => offs.forEach((off) => off());
  }, []);
}
