import { Trans, useTranslation } from 'react-i18next';
import { useAppState, useSession } from '../features/session/app-state-context';
import { AccountMenu } from './AccountMenu';
import { HelpButton, type HelpTopic } from './HelpPanel';
import '../components/buttons.css';

/** Which practice, who is signed in with which role, help for this screen, and the ways out. */
export function AppHeader({ helpTopic, pageTitle }: { helpTopic: HelpTopic; pageTitle: string }) {
  const { t } = useTranslation(['shell', 'common']);
  const { state, lock, signOut } = useAppState();
  const session = useSession();
  return (
    <header className="app-header">
      <div className="app-brand">
        <span className="app-product">{t('common:productName')}</span>
        {state.practiceName ? <span className="app-practice">{state.practiceName}</span> : null}
      </div>
      <div className="app-user">
        <p className="app-signed-in">
          <Trans
            t={t}
            i18nKey="signedInAs"
            values={{ name: session.displayName, role: t(`common:roles.${session.role}`) }}
            components={{ strong: <strong />, role: <span className="app-role" /> }}
          />
        </p>
        <a className="app-header-link" href="#/dos-and-donts">
          {t('pages.dosAndDonts')}
        </a>
        <HelpButton topic={helpTopic} title={pageTitle} />
        <AccountMenu />
        <button type="button" className="button button-header" onClick={() => lock('manual')}>
          {t('lock')}
        </button>
        <button type="button" className="button button-header" onClick={() => void signOut()}>
          {t('signOut')}
        </button>
      </div>
    </header>
  );
}
