import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient } from '../../shared/client';
import { chooseTransport } from './api/choose-transport';
import { takePageToken } from './api/page-token';
import { chooseEvents, EventsContext } from './api/record-events';
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
// The token is taken once (it leaves the address bar): calls and events both carry it.
const token = takePageToken();
const api = createClient(guardSession(chooseTransport(token), (error) => sessionLost.emit(error)));
const events = chooseEvents(token);

createRoot(root).render(
  <StrictMode>
    <EventsContext.Provider value={events}>
      <AppStateProvider api={api} sessionLost={sessionLost}>
        <App />
      </AppStateProvider>
    </EventsContext.Provider>
  </StrictMode>,
);
