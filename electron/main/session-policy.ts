import type { Session, WebContents } from 'electron';
import { isAppUrl } from './app-origin';

/**
 * The app needs no network, no device and no browser permission: deny them
 * all at the session, so a bug in the renderer cannot reach out. Anything the
 * app needs later gets an explicit, narrow allowance here.
 */
export function lockDownSession(ses: Session, options: { allowDevTools: boolean }): void {
  ses.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequest(details.url, options.allowDevTools) });
  });
}

function isAllowedRequest(url: string, allowDevTools: boolean): boolean {
  if (isAppUrl(url)) return true;
  // In-memory images the page itself made (img-src allows them too).
  if (url.startsWith('data:') || url.startsWith('blob:')) return true;
  return allowDevTools && url.startsWith('devtools:');
}

/**
 * Applied to every web contents the app ever creates: no navigation away
 * from the page, no new windows, no <webview>. The page is a single-page app,
 * so it never has a reason to navigate. `allowFrame` says which frame URLs
 * may load: the app's own, or for a print window its document and
 * Chromium's PDF viewer.
 */
export function hardenWebContents(contents: WebContents, allowFrame: (url: string) => boolean = isAppUrl): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-frame-navigate', (event) => {
    if (!allowFrame(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!allowFrame(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
