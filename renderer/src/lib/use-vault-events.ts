import { useEffect } from 'react';
import { client } from './client';
import { useVault } from '../store/vault-store';

/** Another window or the CLI may change the vault: refetch what the event says changed. */
export function useVaultEvents(): void {
  useEffect(
    () =>
      client.on('vault.changed', ({ scope }) => {
        const vault = useVault.getState();
        if (scope === 'keys' || scope === 'workspaces') {
          void vault.refreshKeys();
          void vault.refreshWorkspaces();
        }
      }),
    [],
  );
}
