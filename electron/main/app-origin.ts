import path from 'node:path';
import { contentSecurityPolicy } from '../../shared/content-security-policy';

/**
 * Where the renderer lives: a privileged custom scheme instead of file://, so
 * the page has a real origin ('self' in the CSP means exactly our files) and
 * file:// never gets the extra privileges Chromium gives it.
 *
 * Plain Node on purpose (no `electron` import): the URL and path rules below
 * are tested without an Electron binary.
 */
export const appScheme = 'app';
export const appHost = 'consent-desk';
export const appOrigin = `${appScheme}://${appHost}`;
export const appEntryUrl = `${appOrigin}/index.html`;

/** Sent with every response of the scheme; stricter than the meta tag, and it also covers frame-ancestors. */
export { contentSecurityPolicy };

/** Whether a URL is one of our own pages (scheme and host both ours). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${appScheme}:` && parsed.host === appHost;
  } catch {
    return false;
  }
}

/**
 * The file inside `root` that an app:// URL names, or null when the URL is
 * not ours or would leave `root` (encoded `..`, backslashes on Windows, NUL).
 * A path without an extension is a client-side route and gets index.html.
 * `pathApi` is a parameter so the Windows rules can be tested on Linux.
 */
export function resolveRendererFile(root: string, url: string, pathApi: path.PlatformPath = path): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${appScheme}:` || parsed.host !== appHost) return null;

  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null; // malformed percent-encoding
  }
  if (pathname.includes('\0')) return null;
  if (pathname === '' || pathname.endsWith('/') || pathApi.posix.extname(pathname) === '') {
    pathname = '/index.html';
  }

  const base = pathApi.resolve(root);
  const file = pathApi.resolve(base, `.${pathname}`);
  const relative = pathApi.relative(base, file);
  if (relative === '' || relative === '..' || relative.startsWith(`..${pathApi.sep}`) || pathApi.isAbsolute(relative)) {
    return null;
  }
  return file;
}

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export function contentTypeOf(file: string): string {
  return contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Headers for every response of the scheme, errors included. */
export function appResponseHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-cache',
  };
}
