import { useEffect, useRef } from 'react';
import type { Permission } from '../../../shared/roles';
import { useSession } from '../features/session/app-state-context';
import { AppHeader } from './AppHeader';
import { MainNavigation } from './MainNavigation';
import { NotAllowedPage } from './NotAllowedPage';
import { NotFoundPage } from './NotFoundPage';
import { pages } from './pages';
import { ProgramNotice } from '../features/program/ProgramNotice';
import { StoreAlerts } from './StoreAlerts';
import { useHashPath } from './use-hash-path';
import './app-shell.css';

/** The signed-in app: header, navigation limited to the role, and the current page. */
export function AppShell() {
  const session = useSession();
  const path = useHashPath();
  const mainRef = useRef<HTMLElement>(null);
  const may = (permission: Permission | null) => permission === null || session.permissions.includes(permission);
  const page = pages.find((entry) => entry.path === path);

  useEffect(() => {
    document.title = `${page?.label ?? 'Page not found'} – Consent Desk`;
    return () => {
      document.title = 'Consent Desk';
    };
  }, [page]);

  let content;
  if (!page) content = <NotFoundPage />;
  else if (page.permission && !may(page.permission)) content = <NotAllowedPage permission={page.permission} />;
  else content = <page.Page key={page.path} />;

  return (
    <div className="shell">
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          mainRef.current?.focus();
        }}
      >
        Skip to main content
      </a>
      <AppHeader />
      <div className="shell-body">
        <MainNavigation pages={pages.filter((entry) => may(entry.permission))} currentPath={path} />
        <main id="main" ref={mainRef} tabIndex={-1} className="shell-main">
          <ProgramNotice key={`policy-notice-${path}`} />
          <StoreAlerts />
          {content}
        </main>
      </div>
    </div>
  );
}
