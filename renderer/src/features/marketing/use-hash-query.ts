import { useMemo, useSyncExternalStore } from 'react';

/**
 * The query part of the page's fragment (`#/posts?post=…`): which item a
 * page shows, so links, the back button and a reload all land on it. The
 * route table matches the path only.
 */
function currentQuery(): string {
  const hash = window.location.hash;
  const at = hash.indexOf('?');
  return at === -1 ? '' : hash.slice(at + 1);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useHashQuery(): URLSearchParams {
  const query = useSyncExternalStore(subscribe, currentQuery);
  return useMemo(() => new URLSearchParams(query), [query]);
}

/** The fragment address of a page with a query, for links and `location.hash`. */
export function hashHref(path: string, query: Record<string, string> = {}): string {
  const search = new URLSearchParams(query).toString();
  return `#${path}${search ? `?${search}` : ''}`;
}
