import { useEffect } from 'react';
import { useSlashSearch } from '../lib/use-slash-search';
import { useVaultEvents } from '../lib/use-vault-events';
import { useVault } from '../store/vault-store';
import { Dialogs } from './Dialogs';
import { MainPane } from './MainPane';
import { SEARCH_ID } from './SearchBox';
import { Sidebar } from './Sidebar';

export function App() {
  const loadAll = useVault((s) => s.loadAll);
  useEffect(() => void loadAll(), [loadAll]);
  useVaultEvents();
  useSlashSearch(SEARCH_ID);
  return (
    <div className="app">
      <Sidebar />
      <MainPane />
      <Dialogs />
    </div>
  );
}
