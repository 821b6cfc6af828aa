import { useTranslation } from 'react-i18next';
import { PageHeading } from '../components/PageHeading';

export function NotFoundPage() {
  const { t } = useTranslation(['shell', 'common']);
  return (
    <>
      <PageHeading>{t('notFound.title')}</PageHeading>
      <p>{t('notFound.text')}</p>
      <p>
        <a href="#/">{t('common:goHome')}</a>
      </p>
    </>
  );
}
