import type { PageEntry } from './pages';

/** Links to the pages this role may use; the current one is marked for assistive technology too. */
export function MainNavigation({ pages, currentPath }: { pages: readonly PageEntry[]; currentPath: string }) {
  return (
    <nav className="main-nav" aria-label="Main">
      <ul>
        {pages.map((page) => (
          <li key={page.path}>
            <a href={`#${page.path}`} aria-current={page.path === currentPath ? 'page' : undefined}>
              {page.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
