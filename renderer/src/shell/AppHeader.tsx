import { roleLabels } from '../../../shared/roles';
import { useAppState, useSession } from '../features/session/app-state-context';
import '../components/buttons.css';

/** Which practice, who is signed in with which role, and the ways out. */
export function AppHeader() {
  const { state, lock, signOut } = useAppState();
  const session = useSession();
  return (
    <header className="app-header">
      <div className="app-brand">
        <span className="app-product">Consent Desk</span>
        {state.practiceName ? <span className="app-practice">{state.practiceName}</span> : null}
      </div>
      <div className="app-user">
        <p className="app-signed-in">
          Signed in as <strong>{session.displayName}</strong> <span className="app-role">({roleLabels[session.role]})</span>
        </p>
        <a className="app-header-link" href="#/dos-and-donts">
          Do’s and don’ts
        </a>
        <button type="button" className="button button-header" onClick={() => lock('manual')}>
          Lock
        </button>
        <button type="button" className="button button-header" onClick={() => void signOut()}>
          Sign out
        </button>
      </div>
    </header>
  );
}
