import { useEffect } from 'react';
import { applyTheme } from '../lib/theme';
import { useCoreEvents } from '../lib/use-core-events';
import { useShortcuts } from '../lib/use-shortcuts';
import { useVault } from '../store/vault-store';
import { useView } from '../store/view-store';
import { AttentionScreen } from './AttentionScreen';
import { AuditScreen } from './AuditScreen';
import { Dialogs } from './Dialogs';
import { EnvImportHost } from './EnvImportHost';
import { HealthScreen } from './HealthScreen';
import { MainPane } from './MainPane';
import { SettingsScreen } from './SettingsScreen';
import { LeaksScreen } from './LeaksScreen';
import { Sidebar } from './Sidebar';

export function App() {
  const loadAll = useVault((s) => s.loadAll);
  const theme = useVault((s) => s.settings?.theme);
  const screen = useView((s) => s.screen);
  useEffect(() => void loadAll(), [loadAll]);
  useEffect(() => {
    if (theme) applyTheme(theme);
  }, [theme]);
  useCoreEvents();
  useShortcuts();
  return (
    <div className="app">
      <Sidebar />
      {screen === 'keys' ? <MainPane /> : screen === 'attention' ? <AttentionScreen /> : screen === 'health' ? <HealthScreen /> : screen === 'leaks' ? <LeaksScreen /> : screen === 'audit' ? <AuditScreen /> : <SettingsScreen />}
      <Dialogs />
      <EnvImportHost />
    </div>
  );
}
