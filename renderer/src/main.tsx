import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient } from '../../shared/client';
import { chooseTransport } from './api/choose-transport';
import { guardSession } from './api/session-guard';
import { SessionLostSignal } from './api/session-lost-signal';
import { App } from './App';
// Before the first render: the catalogues and this workstation's language and theme.
import './i18n/i18n';
import { applyWorkstationTheme } from './theme/theme';
import { AppStateProvider } from './features/session/AppStateProvider';
import './styles/base.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');

applyWorkstationTheme();

const sessionLost = new SessionLostSignal();
const api = createClient(guardSession(chooseTransport(), (error) => sessionLost.emit(error)));

createRoot(root).render(
  <StrictMode>
    <AppStateProvider api={api} sessionLost={sessionLost}>
      <App />
    </AppStateProvider>
  </StrictMode>,
);
