import type { AuthorizationPdfInput } from '../pdf/authorization-pdf';
import type { RevocationPdfInput } from '../pdf/revocation-pdf';
import { siblingWorkerUrl, TimeLimitedWorker } from './time-limited-worker';

/**
 * Signed PDFs are drawn in a worker thread with a time limit: a signature
 * image that sends pdf-lib into a loop costs that one call, never the
 * backend. A signature takes well under a second on a loaded 2-core
 * machine (about 5 per second with the embedded font), so 60 s is only
 * ever reached by a runaway.
 */
export const pdfTimeLimitMs = 60_000;

let worker: TimeLimitedWorker | null = null;

function pdfWorker(): TimeLimitedWorker {
  worker ??= new TimeLimitedWorker(siblingWorkerUrl(import.meta.url, 'pdf-worker'), {
    timeLimitMs: pdfTimeLimitMs,
    tooSlow: 'The PDF could not be made: drawing it took far too long, so the signature image or another part of it is probably damaged. Nothing was saved.',
  });
  return worker;
}

export function renderAuthorizationPdf(input: AuthorizationPdfInput): Promise<Buffer> {
  return pdfWorker().run<Buffer>('authorizationPdf', input);
}

export function renderRevocationPdf(input: RevocationPdfInput): Promise<Buffer> {
  return pdfWorker().run<Buffer>('revocationAcknowledgmentPdf', input);
}

/** End the worker thread (tests, and the backend when it closes for good). */
export async function closePdfWorker(): Promise<void> {
  const current = worker;
  worker = null;
  await current?.close();
}
