import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../components/PageHeading';
import './startup-screen.css';

/**
 * The folder holds a store's remains but no key file: setting up here would
 * hide the real data, so the app says what is there and what to do instead.
 */
export function UnusableStoreScreen({ problem }: { problem: string }) {
  const { t } = useTranslation(['session', 'common']);
  return (
    <main className="startup">
      <PageHeading>{t('unusableStoreScreen.consentDeskCannotOpenIts')}</PageHeading>
      <p role="alert" className="startup-error">
        {problem}
      </p>
      <p>{t('unusableStoreScreen.askYourAdministratorNothingWas')}</p>
    </main>
  );
}
