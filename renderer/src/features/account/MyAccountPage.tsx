import { roleLabel } from '../../i18n/labels';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../components/PageHeading';
import { useSession } from '../session/app-state-context';
import { ChangePasswordForm } from './ChangePasswordForm';
import './my-account.css';

/** Who you are signed in as, and changing your own password. */
export function MyAccountPage() {
  const { t } = useTranslation(['account', 'common']);
  const session = useSession();
  return (
    <>
      <PageHeading>{t('myAccountPage.myAccount')}</PageHeading>
      <dl className="account-facts">
        <div>
          <dt>{t('myAccountPage.name')}</dt>
          <dd>{session.displayName}</dd>
        </div>
        <div>
          <dt>{t('myAccountPage.username')}</dt>
          <dd>{session.username}</dd>
        </div>
        <div>
          <dt>{t('myAccountPage.role')}</dt>
          <dd>{roleLabel(session.role)}</dd>
        </div>
      </dl>
      <ChangePasswordForm />
    </>
  );
}
