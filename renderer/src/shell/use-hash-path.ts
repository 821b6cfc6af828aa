import { useSyncExternalStore } from 'react';

/**
 * Pages are addressed by the fragment (`#/staff`): it works the same under
 * Electron's app:// scheme and the development host, and a reload never asks
 * a server for a path that is not a file. Fragments not starting with `#/`
 * (in-page anchors) leave the page where it is.
 */
let lastPath = '/';

function currentPath(): string {
  const hash = window.location.hash;
  if (hash === '' || hash === '#') lastPath = '/';
  else if (hash.startsWith('#/')) lastPath = hash.slice(1).split('?')[0] ?? '/';
  return lastPath;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useHashPath(): string {
  return useSyncExternalStore(subscribe, currentPath);
}
