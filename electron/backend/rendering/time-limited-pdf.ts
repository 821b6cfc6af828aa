import type { AuthorizationPdfInput, PaperFormInput, PaperPackageInput } from '../pdf/authorization-pdf';
import type { RevocationPdfInput } from '../pdf/revocation-pdf';
import type { ReportData } from '../reports/report-pdf';
import type { CertificateBundle } from '../crypto/practice-certificate';
import { siblingWorkerUrl, TimeLimitedWorker } from './time-limited-worker';

/**
 * Every PDF Consent Desk draws, and every PDF someone uploads as a scan, is
 * handled in a worker thread with a time limit (pdf-worker.ts): a signature
 * image or a scan that sends pdf-lib into a loop costs that one call, never
 * the backend. A signature takes well under a second on a loaded 2-core
 * machine (about 5 per second with the embedded font), a long report a few
 * seconds, so 60 s is only ever reached by a runaway.
 *
 * What crosses to the worker is copied with the structured clone algorithm:
 * plain objects, arrays, strings, numbers, Dates and Buffers (which arrive
 * as Uint8Arrays and are turned back, see worker-jobs.ts). No functions, no
 * class instances: the inputs below are data only.
 */
export const pdfTimeLimitMs = 60_000;

let drawing: TimeLimitedWorker | null = null;
let reading: TimeLimitedWorker | null = null;
let reportStart: ((line: string) => void) | null = null;

/** Where the PDF worker starts from, once per worker (the desktop app's log says which bundle it loaded). */
export function reportPdfWorkerStarts(report: (line: string) => void): void {
  reportStart = report;
}

function worker(kind: 'drawing' | 'reading'): TimeLimitedWorker {
  const tooSlow =
    kind === 'drawing'
      ? 'The PDF could not be made: drawing it took far too long, so the signature image or another part of it is probably damaged. Nothing was saved.'
      : 'The scan could not be read: reading it took far too long, so the PDF is probably damaged. Scan it again. Nothing was saved.';
  const make = () =>
    new TimeLimitedWorker(siblingWorkerUrl(import.meta.url, 'pdf-worker'), {
      timeLimitMs: pdfTimeLimitMs,
      tooSlow,
      onStart: (url) => reportStart?.(`consent-desk: PDF worker (${kind}) started from ${url.pathname}`),
    });
  if (kind === 'drawing') return (drawing ??= make());
  return (reading ??= make());
}

export function renderAuthorizationPdf(input: AuthorizationPdfInput): Promise<Buffer> {
  return worker('drawing').run<Buffer>('authorizationPdf', input);
}

export function renderRevocationPdf(input: RevocationPdfInput): Promise<Buffer> {
  return worker('drawing').run<Buffer>('revocationAcknowledgmentPdf', input);
}

export function renderPaperFormPdf(input: PaperFormInput): Promise<Buffer> {
  return worker('drawing').run<Buffer>('paperFormPdf', input);
}

export function renderPaperPackagePdf(input: PaperPackageInput): Promise<Buffer> {
  return worker('drawing').run<Buffer>('paperPackagePdf', input);
}

export interface ReportPdfOptions {
  practiceName: string;
  generatedAt: Date;
  includeNames: boolean;
  certificate: CertificateBundle;
}

export function renderReportPdf(data: ReportData, options: ReportPdfOptions): Promise<Buffer> {
  return worker('drawing').run<Buffer>('reportPdf', { data, options });
}

/** A PDF uploaded as a scan, its pages copied into a clean document (pdf-scan.ts). */
export function cleanPdfScanTimeLimited(bytes: Buffer): Promise<{ bytes: Buffer; pages: number }> {
  return worker('reading').run<{ bytes: Buffer; pages: number }>('cleanPdfScan', bytes);
}

/** The page count of a PDF uploaded as a scan, refused when it cannot be read or has too many pages. */
export function pdfScanPagesTimeLimited(bytes: Buffer): Promise<number> {
  return worker('reading').run<number>('pdfScanPages', bytes);
}

/** End the worker threads (tests, and the backend when it closes for good). */
export async function closePdfWorker(): Promise<void> {
  const current = [drawing, reading];
  drawing = null;
  reading = null;
  await Promise.all(current.map((w) => w?.close()));
}
