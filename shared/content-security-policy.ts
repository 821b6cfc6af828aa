/**
 * The content-security policy every page of the app is served with, by the
 * Electron shell (app:// responses) and by the development host alike: only
 * the app's own scripts, styles and calls; images it makes itself; no
 * plugins, no framing, no form posts anywhere.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');
