import './lib/zod-csp';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App';
import './styles/theme.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/table.css';
import './styles/dialog.css';
import './styles/screens.css';
import './styles/leaks.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
