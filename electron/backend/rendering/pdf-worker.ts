/**
 * The worker thread that draws signed PDFs (see time-limited-pdf.ts). It
 * runs the renderers unchanged; only where they run differs.
 */
import { authorizationPdf } from '../pdf/authorization-pdf';
import { revocationAcknowledgmentPdf } from '../pdf/revocation-pdf';
import { serveJobs } from './worker-jobs';

serveJobs({ authorizationPdf, revocationAcknowledgmentPdf });
