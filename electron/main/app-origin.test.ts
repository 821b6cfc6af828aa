import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appEntryUrl, appResponseHeaders, contentSecurityPolicy, contentTypeOf, isAppUrl, resolveRendererFile } from './app-origin';

describe('resolveRendererFile', () => {
  const root = '/srv/app/dist/renderer';

  it('maps app URLs to files inside the renderer folder', () => {
    expect(resolveRendererFile(root, appEntryUrl)).toBe('/srv/app/dist/renderer/index.html');
    expect(resolveRendererFile(root, 'app://consent-desk/assets/index-abc.js')).toBe('/srv/app/dist/renderer/assets/index-abc.js');
    expect(resolveRendererFile(root, 'app://consent-desk/assets/a%20b.css')).toBe('/srv/app/dist/renderer/assets/a b.css');
  });

  it('serves index.html for the root and for client-side routes', () => {
    expect(resolveRendererFile(root, 'app://consent-desk/')).toBe('/srv/app/dist/renderer/index.html');
    expect(resolveRendererFile(root, 'app://consent-desk/staff/list')).toBe('/srv/app/dist/renderer/index.html');
  });

  it('refuses other hosts and schemes', () => {
    expect(resolveRendererFile(root, 'app://elsewhere/index.html')).toBeNull();
    expect(resolveRendererFile(root, 'file:///srv/app/dist/renderer/index.html')).toBeNull();
    expect(resolveRendererFile(root, 'https://consent-desk/index.html')).toBeNull();
    expect(resolveRendererFile(root, 'not a url')).toBeNull();
  });

  it('refuses every way out of the folder', () => {
    for (const url of [
      'app://consent-desk/../package.json',
      'app://consent-desk/%2e%2e/%2e%2e/package.json',
      'app://consent-desk/..%2f..%2fpackage.json',
      'app://consent-desk/assets/..%2f..%2f..%2fpackage.json',
      'app://consent-desk/%00.js',
      'app://consent-desk/%E0%A4%A.js',
    ]) {
      const file = resolveRendererFile(root, url);
      expect(file === null || file.startsWith(`${root}/`), `${url} -> ${file}`).toBe(true);
    }
    expect(resolveRendererFile(root, 'app://consent-desk/..%2f..%2fpackage.json')).toBeNull();
    expect(resolveRendererFile(root, 'app://consent-desk/%00.js')).toBeNull();
  });

  it('refuses backslash escapes under Windows path rules', () => {
    const winRoot = 'C:\\Program Files\\Consent Desk\\resources\\app.asar\\dist\\renderer';
    expect(resolveRendererFile(winRoot, 'app://consent-desk/assets/app.js', path.win32)).toBe(`${winRoot}\\assets\\app.js`);
    expect(resolveRendererFile(winRoot, 'app://consent-desk/..%5C..%5Cpackage.json', path.win32)).toBeNull();
    expect(resolveRendererFile(winRoot, 'app://consent-desk/C:%5CWindows%5Cwin.ini', path.win32)).toBeNull();
  });
});

describe('isAppUrl', () => {
  it('accepts only our scheme and host', () => {
    expect(isAppUrl(appEntryUrl)).toBe(true);
    expect(isAppUrl('app://consent-desk/assets/x.js')).toBe(true);
    expect(isAppUrl('app://consent-desk.evil/index.html')).toBe(false);
    expect(isAppUrl('https://consent-desk/')).toBe(false);
    expect(isAppUrl('devtools://devtools/bundled/inspector.html')).toBe(false);
    expect(isAppUrl('')).toBe(false);
  });
});

describe('response headers', () => {
  it('carry the strict policy and a content type', () => {
    const headers = appResponseHeaders(contentTypeOf('index.html'));
    expect(headers['Content-Type']).toBe('text/html; charset=utf-8');
    expect(headers['Content-Security-Policy']).toBe(contentSecurityPolicy);
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(contentSecurityPolicy).toContain("default-src 'self'");
    expect(contentSecurityPolicy).toContain("frame-ancestors 'none'");
    expect(contentSecurityPolicy).not.toContain('unsafe');
    expect(contentTypeOf('x.unknown')).toBe('application/octet-stream');
  });
});
