const storageKey = 'consent-desk.host-token';

/**
 * The development host's per-run token arrives once in the address's
 * fragment (`#token=...`), which browsers never send to a server. Keep it in
 * this tab's sessionStorage so a reload still works, and take it out of the
 * address bar so it is not copied, bookmarked or shown on screen.
 */
export function takePageToken(): string | null {
  const params = new URLSearchParams(window.location.hash.slice(1));
  const fromUrl = params.get('token');
  if (fromUrl) {
    try {
      window.sessionStorage.setItem(storageKey, fromUrl);
    } catch {
      // Storage can be disabled; the token then lives in memory only.
    }
    window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}#/`);
    return fromUrl;
  }
  try {
    return window.sessionStorage.getItem(storageKey);
  } catch {
    return null;
  }
}
