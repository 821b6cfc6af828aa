import { statusLabel } from '../../i18n/labels';
import { useTranslation } from 'react-i18next';
import type { ExportJob } from '../../../../shared/compliance/audit-bundle';
import { counted, formatBytes, formatCount, showDay, showInstant } from '../compliance/compliance-format';
import { ProgressBar } from '../compliance/ProgressBar';
import { exportPhaseLabel, filesText } from './export-phases';
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
  const { t } = useTranslation(['compliance-export', 'common']);
  const c = job.counts;
  return (
    <>
      {counted(c.authorizations, 'authorization')}, {counted(c.revocations, 'revocation acknowledgment')},{' '}
      {counted(c.posts, 'post')} {t('contents.and')} {counted(c.auditEvents, 'audit event')}
    </>
  );
}

/** The export under way or just ended: its progress, then where the bundle is and how to check it. */
export function ExportJobPanel({ job, cancelling, onCancel }: ExportJobPanelProps) {
  const { t } = useTranslation(['compliance-export', 'common']);
  const range = `${showDay(job.params.from)} to ${showDay(job.params.to)}`;
  return (
    <section className="card compliance-section" aria-labelledby="export-job-heading" aria-busy={job.state === 'running'}>
      <h2 id="export-job-heading">{headings[job.state]}</h2>
      <p className="compliance-note">
        {range}; {job.params.states ? t('exportJobPanel.onlyStates', { states: job.params.states.map((state) => statusLabel(state)).join(', ') }) : t('exportJobPanel.everyState')};{' '}
        {job.params.includeNames ? t('exportJobPanel.patientNamesIncluded') : t('exportJobPanel.noPatientNames')}{t('exportJobPanel.started')} {showInstant(job.startedAt)}.
      </p>

      {job.state === 'running' || job.state === 'done' ? (
        <ProgressBar label={exportPhaseLabel(job.phase)} done={job.done} total={job.total} countText={filesText(job)} />
      ) : null}

      {job.state === 'running' ? (
        <>
          <p>
            {t('exportJobPanel.writing')} <Contents job={job} /> {t('exportJobPanel.intoOneZipFileYou')}
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
              {t('exportJobPanel.cancelExport')}
            </button>
          </div>
        </>
      ) : null}

      {job.state === 'cancelled' ? (
        <p>{t('exportJobPanel.theExportWasCancelledNothing')}</p>
      ) : null}

      {job.state === 'failed' ? (
        <p className="compliance-problems" role="alert">
          {job.error ?? t('exportJobPanel.theBundleCouldNotBe')}
        </p>
      ) : null}

      {job.state === 'done' ? (
        <>
          <dl className="compliance-facts">
            <div>
              <dt>{t('exportJobPanel.file')}</dt>
              <dd>{job.fileName}</dd>
            </div>
            <div>
              <dt>{t('exportJobPanel.savedIn')}</dt>
              <dd>
                <code>{job.filePath}</code>
              </dd>
            </div>
            <div>
              <dt>{t('exportJobPanel.size')}</dt>
              <dd>
                {formatBytes(job.bytes ?? 0)} ({formatCount(job.bytes ?? 0)} {t('exportJobPanel.bytes')}
              </dd>
            </div>
            <div>
              <dt>{t('exportJobPanel.sha256')}</dt>
              <dd>
                <code className="compliance-hash">{job.sha256}</code>
              </dd>
            </div>
            <div>
              <dt>{t('exportJobPanel.contents')}</dt>
              <dd>
                <Contents job={job} />
              </dd>
            </div>
            {job.finishedAt ? (
              <div>
                <dt>{t('exportJobPanel.finished')}</dt>
                <dd>{showInstant(job.finishedAt)}</dd>
              </div>
            ) : null}
          </dl>
          <p className="compliance-note">
            {t('exportJobPanel.sendTheAuditorThisFile')}{' '}
            <code>{t('exportJobPanel.consentDeskVerifyBundle')} {job.fileName}</code>
          </p>
          <ShowInFolder filePath={job.filePath} />
          <VerifyBundle key={job.id} exportId={job.id} />
        </>
      ) : null}
    </section>
  );
}
