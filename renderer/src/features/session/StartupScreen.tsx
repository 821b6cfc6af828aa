import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../components/PageHeading';
import './startup-screen.css';

/** Before the first app.state arrives, or when the backend cannot answer it. */
export function StartupScreen({ error }: { error: string | null }) {
  const { t } = useTranslation(['session', 'common']);
  if (!error) {
    return (
      <main className="startup" aria-busy="true">
        <p role="status">{t('startupScreen.openingConsentDesk')}</p>
      </main>
    );
  }
  return (
    <main className="startup">
      <PageHeading>{t('startupScreen.consentDeskCannotStart')}</PageHeading>
      <p role="alert" className="startup-error">
        {error}
      </p>
      <p>{t('startupScreen.closeConsentDeskAndOpen')}</p>
    </main>
  );
}
