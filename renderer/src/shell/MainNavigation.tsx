import { useTranslation } from 'react-i18next';
import type { PageEntry } from './pages';

/** Links to the pages this role may use; the current one is marked for assistive technology too. */
export function MainNavigation({ pages, currentPath }: { pages: readonly PageEntry[]; currentPath: string }) {
  const { t } = useTranslation('shell');
  return (
    <nav className="main-nav" aria-label={t('mainNavigation')}>
      <ul>
        {pages.map((page) => (
          <li key={page.path}>
            <a href={`#${page.path}`} aria-current={page.path === currentPath ? 'page' : undefined}>
              {t(`pages.${page.labelKey}`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
