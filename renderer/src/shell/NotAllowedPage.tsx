import { useTranslation } from 'react-i18next';
import type { Permission } from '../../../shared/roles';
import { PageHeading } from '../components/PageHeading';
import { useSession } from '../features/session/app-state-context';

/** A page the role may not use, reached by its address. Nothing is loaded for it. */
export function NotAllowedPage({ permission }: { permission: Permission }) {
  const { t } = useTranslation(['shell', 'common']);
  const session = useSession();
  return (
    <>
      <PageHeading>{t('notAllowed.title')}</PageHeading>
      <p>{t('notAllowed.text', { role: t(`common:roles.${session.role}`), action: t(`common:permissions.${permission}`) })}</p>
      <p>
        <a href="#/">{t('common:goHome')}</a>
      </p>
    </>
  );
}
