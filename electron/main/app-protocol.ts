import { readFile } from 'node:fs/promises';
import { protocol, type Session } from 'electron';
import { printScheme } from './print-pdf';
import { appResponseHeaders, appScheme, contentTypeOf, resolveRendererFile } from './app-origin';

/**
 * Must run before `app` is ready. `standard` gives the scheme a real origin
 * and relative URLs; `secure` makes it a secure context. It does not bypass
 * the CSP.
 */
export function registerAppSchemePrivileges(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    // The patient's copy, served from memory to the hidden print window (print-pdf.ts).
    { scheme: printScheme, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

/** Serves the built renderer from `rendererRoot` and nothing else, on the window's session. */
export function serveRenderer(ses: Session, rendererRoot: string): void {
  ses.protocol.handle(appScheme, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return errorResponse(405);
    const file = resolveRendererFile(rendererRoot, request.url);
    if (file === null) return errorResponse(404);
    let body: Buffer;
    try {
      // fs reads inside app.asar too, so the packaged app needs no other path.
      body = await readFile(file);
    } catch {
      return errorResponse(404);
    }
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: appResponseHeaders(contentTypeOf(file)),
    });
  });
}

function errorResponse(status: 404 | 405): Response {
  return new Response(status === 404 ? 'Not found' : 'Method not allowed', {
    status,
    headers: appResponseHeaders('text/plain; charset=utf-8'),
  });
}
