import { statusLabels } from '../../../../shared/authorization/status';
import type { ExportJob } from '../../../../shared/compliance/audit-bundle';
import { counted, formatBytes, formatCount, showDay, showInstant } from '../compliance/compliance-format';
import { ProgressBar } from '../compliance/ProgressBar';
import { exportPhaseLabels, filesText } from './export-phases';
import { ShowInFolder } from '../../components/ShowInFolder';
import { VerifyBundle } from './VerifyBundle';
import '../../components/buttons.css';

interface ExportJobPanelProps {
  job: ExportJob;
  cancelling: boolean;
  onCancel: () => void;
}

const headings: Record<ExportJob['state'], string> = {
  running: 'Export in progress',
  done: 'Bundle ready',
  cancelled: 'Export cancelled',
  failed: 'Export failed',
};

function Contents({ job }: { job: ExportJob }) {
  const c = job.counts;
  return (
    <>
      {counted(c.authorizations, 'authorization')}, {counted(c.revocations, 'revocation acknowledgment')},{' '}
      {counted(c.posts, 'post')} and {counted(c.auditEvents, 'audit event')}
    </>
  );
}

/** The export under way or just ended: its progress, then where the bundle is and how to check it. */
export function ExportJobPanel({ job, cancelling, onCancel }: ExportJobPanelProps) {
  const range = `${showDay(job.params.from)} to ${showDay(job.params.to)}`;
  return (
    <section className="card compliance-section" aria-labelledby="export-job-heading" aria-busy={job.state === 'running'}>
      <h2 id="export-job-heading">{headings[job.state]}</h2>
      <p className="compliance-note">
        {range}; {job.params.states ? `only ${job.params.states.map((state) => statusLabels[state]).join(', ')}` : 'every state'};{' '}
        {job.params.includeNames ? 'patient names included' : 'no patient names'}. Started {showInstant(job.startedAt)}.
      </p>

      {job.state === 'running' || job.state === 'done' ? (
        <ProgressBar label={exportPhaseLabels[job.phase]} done={job.done} total={job.total} countText={filesText(job)} />
      ) : null}

      {job.state === 'running' ? (
        <>
          <p>
            Writing <Contents job={job} /> into one zip file. You can leave this page: the export goes on.
          </p>
          <div className="form-actions">
            <button
              type="button"
              className={cancelling ? 'button button-secondary button-busy' : 'button button-secondary'}
              aria-disabled={cancelling || undefined}
              onClick={() => {
                if (!cancelling) onCancel();
              }}
            >
              Cancel export
            </button>
          </div>
        </>
      ) : null}

      {job.state === 'cancelled' ? (
        <p>The export was cancelled. Nothing was left behind: the partial file was deleted and no bundle was saved.</p>
      ) : null}

      {job.state === 'failed' ? (
        <p className="compliance-problems" role="alert">
          {job.error ?? 'The bundle could not be written; nothing was kept.'}
        </p>
      ) : null}

      {job.state === 'done' ? (
        <>
          <dl className="compliance-facts">
            <div>
              <dt>File</dt>
              <dd>{job.fileName}</dd>
            </div>
            <div>
              <dt>Saved in</dt>
              <dd>
                <code>{job.filePath}</code>
              </dd>
            </div>
            <div>
              <dt>Size</dt>
              <dd>
                {formatBytes(job.bytes ?? 0)} ({formatCount(job.bytes ?? 0)} bytes)
              </dd>
            </div>
            <div>
              <dt>SHA-256</dt>
              <dd>
                <code className="compliance-hash">{job.sha256}</code>
              </dd>
            </div>
            <div>
              <dt>Contents</dt>
              <dd>
                <Contents job={job} />
              </dd>
            </div>
            {job.finishedAt ? (
              <div>
                <dt>Finished</dt>
                <dd>{showInstant(job.finishedAt)}</dd>
              </div>
            ) : null}
          </dl>
          <p className="compliance-note">
            Send the auditor this file. They can check it without Consent Desk’s data or any password:{' '}
            <code>consent-desk verify-bundle {job.fileName}</code>
          </p>
          <ShowInFolder filePath={job.filePath} />
          <VerifyBundle key={job.id} exportId={job.id} />
        </>
      ) : null}
    </section>
  );
}
