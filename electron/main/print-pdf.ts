import crypto from 'node:crypto';
import { BrowserWindow, session } from 'electron';
import type { PrintOutcome } from '../../shared/contract/shell-calls';

/**
 * Printing a PDF the backend made (the patient's copy): Chromium's own PDF
 * viewer opens it in a hidden window of its own, on an in-memory session
 * that serves this one document from memory, and the system's print dialog
 * prints it. Nothing is written to disk, so the PDF (which is PHI) never
 * sits in a temporary file. Electron 45 prints PDFs from the viewer whole
 * (electron/electron#43309 fixed blank pages in 32).
 */
export const printScheme = 'consent-desk-print';
const printPartition = 'consent-desk-print';
const documents = new Map<string, Buffer>();
let registered = false;
/** Chromium's built-in PDF viewer, an extension that renders the document in a frame of the print window. */
const pdfViewerOrigin = 'chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/';

/** What the print window may show: the one document and the PDF viewer, nothing else. */
export function isPrintViewerUrl(url: string): boolean {
  return url.startsWith(`${printScheme}://`) || url.startsWith(pdfViewerOrigin);
}

/** Whether a web contents is a print window (the app's navigation rules let it show the PDF viewer). */
export function isPrintContents(contents: { session: unknown }): boolean {
  return contents.session === session.fromPartition(printPartition);
}

function printSession() {
  const ses = session.fromPartition(printPartition);
  if (!registered) {
    registered = true;
    ses.protocol.handle(printScheme, (request) => {
      const token = new URL(request.url).hostname;
      const bytes = documents.get(token);
      if (!bytes) return new Response('Not found', { status: 404 });
      return new Response(new Uint8Array(bytes), {
        headers: { 'Content-Type': 'application/pdf', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' },
      });
    });
    ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    ses.webRequest.onBeforeRequest((details, callback) => {
      callback({ cancel: !isPrintViewerUrl(details.url) });
    });
  }
  return ses;
}

export async function printPdf(bytes: Buffer): Promise<PrintOutcome> {
  const token = crypto.randomBytes(16).toString('hex');
  documents.set(token, bytes);
  const window = new BrowserWindow({
    show: false,
    width: 850,
    height: 1100,
    webPreferences: {
      session: printSession(),
      plugins: true,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      spellcheck: false,
    },
  });
  try {
    await window.loadURL(`${printScheme}://${token}/patient-copy.pdf`);
    return await new Promise<PrintOutcome>((resolve) => {
      window.webContents.print({ silent: false, printBackground: true }, (success, failureReason) => {
        resolve(
          success
            ? { printed: true, reason: null }
            : { printed: false, reason: failureReason === 'Print job canceled' || failureReason === 'cancelled' ? 'Printing was cancelled.' : `The printer reported: ${failureReason}.` },
        );
      });
    });
  } catch {
    return { printed: false, reason: 'The PDF could not be opened for printing.' };
  } finally {
    documents.delete(token);
    if (!window.isDestroyed()) window.close();
  }
}
