import { useTranslation } from 'react-i18next';
import { useCallback, useState } from 'react';
import type { ExportJob } from '../../../../shared/compliance/audit-bundle';
import type { CallInput } from '../../../../shared/contract';
import { useApi } from '../../api/api-context';
import { useShellCapabilities } from '../../api/use-shell-capabilities';
import { messageOf } from '../../components/error-message';
import { PageHeading } from '../../components/PageHeading';
import { StatusMessage } from '../../components/StatusMessage';
import { ExportForm } from './ExportForm';
import { ExportJobPanel } from './ExportJobPanel';
import { VerifyBundleFile } from './VerifyBundleFile';
import { useExportJob } from './use-export-job';
import '../../components/buttons.css';
import '../compliance/compliance.css';
import { i18n } from '../../i18n/i18n';

/** One line for screen readers when the export starts or ends (not at every file). */
function announcement(job: ExportJob | null): string | null {
  switch (job?.state) {
    case 'running':
      return i18n.t('compliance-export:auditExportPage.started', { count: job.total });
    case 'done':
      return i18n.t('compliance-export:auditExportPage.ready', { file: job.fileName ?? '' });
    case 'cancelled':
      return i18n.t('compliance-export:auditExportPage.cancelled');
    case 'failed':
      return i18n.t('compliance-export:auditExportPage.failed');
    default:
      return null;
  }
}

/** Export for audit: a signed zip bundle of a period's authorizations, posts and audit trail, with its progress. */
export function AuditExportPage() {
  const { t } = useTranslation(['compliance-export', 'common']);
  const api = useApi();
  const shell = useShellCapabilities();
  const { job, error, starting, cancelling, pollFailed, checkAgain, start, cancel } = useExportJob();
  const [chooseError, setChooseError] = useState<string | null>(null);
  // In the desktop app the bundle goes where the system's Save dialog says.
  const startWhereChosen = useCallback(
    async (params: CallInput<'exports.start'>) => {
      setChooseError(null);
      if (shell?.dialogs !== 'native') return start(params);
      try {
        const chosen = await api['shell.choosePath']({ purpose: 'bundle', suggestedName: `audit-bundle-${params.from}-to-${params.to}.zip` });
        return chosen ? start({ ...params, destinationPath: chosen.path }) : null;
      } catch (failure) {
        setChooseError(messageOf(failure));
        return null;
      }
    },
    [api, shell, start],
  );
  return (
    <>
      <PageHeading>{t('auditExportPage.exportForAudit')}</PageHeading>
      <p className="lead">
        {t('auditExportPage.oneZipFileForAn')}{' '}
        <code>{t('auditExportPage.consentDeskVerifyBundle')}</code>{t('auditExportPage.withoutConsentDeskSData')}
      </p>
      <StatusMessage tone={error || chooseError ? 'problem' : job?.state === 'done' ? 'success' : 'info'}>{error ?? chooseError ?? announcement(job)}</StatusMessage>
      {pollFailed && job?.state === 'running' ? (
        <div className="form-actions compliance-section">
          <button type="button" className="button button-secondary" onClick={checkAgain}>
            {t('auditExportPage.checkProgressAgain')}
          </button>
        </div>
      ) : null}
      <ExportForm onStart={startWhereChosen} starting={starting} />
      {job ? <ExportJobPanel job={job} cancelling={cancelling} onCancel={() => void cancel()} /> : null}
      <VerifyBundleFile />
    </>
  );
}
