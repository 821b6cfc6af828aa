/**
 * The worker thread that draws PDFs and reads uploaded PDF scans (see
 * time-limited-pdf.ts). It runs the renderers unchanged; only where they
 * run differs.
 */
import { cleanPdfScan, pdfScanPages } from '../consents/pdf-scan';
import { authorizationPdf, paperFormPdf, paperPackagePdf } from '../pdf/authorization-pdf';
import { revocationAcknowledgmentPdf } from '../pdf/revocation-pdf';
import { reportPdf, type ReportData } from '../reports/report-pdf';
import type { ReportPdfOptions } from './time-limited-pdf';
import { serveJobs } from './worker-jobs';

serveJobs({
  authorizationPdf,
  revocationAcknowledgmentPdf,
  paperFormPdf,
  paperPackagePdf,
  reportPdf: ({ data, options }: { data: ReportData; options: ReportPdfOptions }) => reportPdf(data, options),
  cleanPdfScan,
  pdfScanPages,
});
