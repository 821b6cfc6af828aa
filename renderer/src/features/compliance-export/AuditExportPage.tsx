import type { ExportJob } from '../../../../shared/compliance/audit-bundle';
import { PageHeading } from '../../components/PageHeading';
import { StatusMessage } from '../../components/StatusMessage';
import { ExportForm } from './ExportForm';
import { ExportJobPanel } from './ExportJobPanel';
import { useExportJob } from './use-export-job';
import '../../components/buttons.css';
import '../compliance/compliance.css';

/** One line for screen readers when the export starts or ends (not at every file). */
function announcement(job: ExportJob | null): string | null {
  switch (job?.state) {
    case 'running':
      return `Export started: ${job.total} files to write.`;
    case 'done':
      return `Bundle ready: ${job.fileName}.`;
    case 'cancelled':
      return 'Export cancelled. Nothing was kept.';
    case 'failed':
      return 'The export failed.';
    default:
      return null;
  }
}

/** Export for audit: a signed zip bundle of a period's authorizations, posts and audit trail, with its progress. */
export function AuditExportPage() {
  const { job, error, starting, cancelling, pollFailed, checkAgain, start, cancel } = useExportJob();
  return (
    <>
      <PageHeading>Export for audit</PageHeading>
      <p className="lead">
        One zip file for an auditor: the signed authorization PDFs, the revocation acknowledgments, spreadsheets of consents
        and posts, the audit trail of the period and a manifest signed by the practice certificate. Anyone can check it with{' '}
        <code>consent-desk verify-bundle</code>, without Consent Desk’s data or a password.
      </p>
      <StatusMessage tone={error ? 'problem' : job?.state === 'done' ? 'success' : 'info'}>{error ?? announcement(job)}</StatusMessage>
      {pollFailed && job?.state === 'running' ? (
        <div className="form-actions compliance-section">
          <button type="button" className="button button-secondary" onClick={checkAgain}>
            Check progress again
          </button>
        </div>
      ) : null}
      <ExportForm onStart={start} starting={starting} />
      {job ? <ExportJobPanel job={job} cancelling={cancelling} onCancel={() => void cancel()} /> : null}
    </>
  );
}
