import { i18n } from '../../i18n/i18n';
import { useTranslation } from 'react-i18next';
import { useCallback, useState } from 'react';
import { backupTimeOf, type BackupInfo, type BackupOverview } from '../../../../shared/compliance/backups';
import { useApi } from '../../api/api-context';
import { useShellCapabilities } from '../../api/use-shell-capabilities';
import { messageOf } from '../../components/error-message';
import { PageHeading } from '../../components/PageHeading';
import { StatusMessage } from '../../components/StatusMessage';
import { TableScroll } from '../../components/TableScroll';
import { useLoaded } from '../../components/use-loaded';
import { VisuallyHidden } from '../../components/VisuallyHidden';
import { formatBytes, showInstant } from '../compliance/compliance-format';
import { RestoreDialog } from './RestoreDialog';
import { ScheduleForm } from './ScheduleForm';
import '../../components/buttons.css';
import '../../components/table.css';
import '../compliance/compliance.css';

function scheduleText(overview: BackupOverview): string {
  const { schedule } = overview;
  if (!schedule.enabled) return i18n.t('compliance-backups:scheduleText.off');
  const every =
    schedule.everyHours === 24
      ? i18n.t('compliance-backups:scheduleText.daily')
      : schedule.everyHours === 168
        ? i18n.t('compliance-backups:scheduleText.weekly')
        : i18n.t('compliance-backups:scheduleText.everyHours', { count: schedule.everyHours });
  return i18n.t('compliance-backups:scheduleText.keeping', { every, count: schedule.keep });
}

/** The overview: where backups go, when the last was made and the next is due. */
function Overview({ overview }: { overview: BackupOverview }) {
  const { t } = useTranslation(['compliance-backups', 'common']);
  return (
    <dl className="compliance-facts">
      <div>
        <dt>{t('overview.folder')}</dt>
        <dd>
          <code>{overview.folder}</code>
          {overview.schedule.folder === null ? t('overview.theDataFolderSOwn') : ''}
        </dd>
      </div>
      <div>
        <dt>{t('overview.schedule')}</dt>
        <dd>{scheduleText(overview)}</dd>
      </div>
      <div>
        <dt>{t('overview.lastBackup')}</dt>
        <dd>{overview.lastBackupAt ? showInstant(overview.lastBackupAt) : t('overview.noneYet')}</dd>
      </div>
      <div>
        <dt>{t('overview.nextBackup')}</dt>
        <dd>{overview.nextBackupAt ? t('overview.due', { when: showInstant(overview.nextBackupAt) }) : t('overview.noneScheduled')}</dd>
      </div>
    </dl>
  );
}

function BackupTable({ backups, onRestore }: { backups: BackupInfo[]; onRestore: (backup: BackupInfo) => void }) {
  const { t } = useTranslation(['compliance-backups', 'common']);
  return (
    <TableScroll label={t('backupTable.backupsInTheFolder')}>
      <table className="data-table compliance-table">
        <caption>{t('backupTable.backupsInTheFolderNewest')}{backups.length})</caption>
        <thead>
          <tr>
            <th scope="col">{t('backupTable.made')}</th>
            <th scope="col">{t('backupTable.how')}</th>
            <th scope="col">{t('backupTable.file')}</th>
            <th scope="col">{t('backupTable.size')}</th>
            <th scope="col">{t('backupTable.auditEvents')}</th>
            <th scope="col">{t('backupTable.action')}</th>
          </tr>
        </thead>
        <tbody>
          {backups.map((backup) => (
            <tr key={backup.filePath}>
              <th scope="row">{showInstant(backup.createdAt)}</th>
              <td>{backup.trigger === 'manual' ? t('backupTable.onRequest') : t('backupTable.scheduled')}</td>
              <td className="cell-wrap">
                <code>{backup.fileName}</code>
              </td>
              <td className="compliance-nowrap">{formatBytes(backup.bytes)}</td>
              <td>{backup.auditHeadSeq}</td>
              <td>
                <button type="button" className="button button-secondary button-small" onClick={() => onRestore(backup)}>
                  {t('backupTable.restore')}<VisuallyHidden> {t('backupTable.theBackupMade')} {showInstant(backup.createdAt)}</VisuallyHidden>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** Backups: encrypted copies of the store, on a schedule and on request, and restoring one. */
export function BackupsPage() {
  const { t } = useTranslation(['compliance-backups', 'common']);
  const api = useApi();
  const load = useCallback(() => api['backups.list']({}), [api]);
  const { value: overview, error, reload } = useLoaded(load);
  const [backingUp, setBackingUp] = useState(false);
  const [outcome, setOutcome] = useState<{ message: string; tone: 'success' | 'problem' } | null>(null);
  const [restoring, setRestoring] = useState<Pick<BackupInfo, 'filePath' | 'fileName'> & { createdAt: string | null } | null>(null);
  const shell = useShellCapabilities();
  const [chooseProblem, setChooseProblem] = useState<string | null>(null);
  // In the desktop app, a backup kept elsewhere (another drive, a copy) is chosen with the Open dialog.
  const restoreFromFile = () => {
    setChooseProblem(null);
    api['shell.choosePath']({ purpose: 'backupFile' }).then(
      (chosen) => chosen && setRestoring({ filePath: chosen.path, fileName: chosen.name, createdAt: backupTimeOf(chosen.name) }),
      (failure: unknown) => setChooseProblem(messageOf(failure)),
    );
  };

  const backUpNow = async () => {
    if (backingUp) return;
    setBackingUp(true);
    setOutcome(null);
    try {
      const made = await api['backups.create']({});
      setOutcome({ message: t('backupsPage.written', { file: made.fileName, size: formatBytes(made.bytes) }), tone: 'success' });
      reload();
    } catch (failure) {
      setOutcome({ message: messageOf(failure), tone: 'problem' });
    } finally {
      setBackingUp(false);
    }
  };

  return (
    <>
      <PageHeading>{t('backupsPage.backups')}</PageHeading>
      <p className="lead">
        {t('backupsPage.aBackupIsAConsistent')}
      </p>
      <StatusMessage tone={error ? 'problem' : (outcome?.tone ?? 'info')}>{error ?? outcome?.message}</StatusMessage>
      {overview ? (
        <>
          <section className="card compliance-section" aria-labelledby="backups-overview-heading" aria-busy={backingUp}>
            <h2 id="backups-overview-heading">{t('backupsPage.overview')}</h2>
            <Overview overview={overview} />
            <div className="form-actions">
              <button
                type="button"
                className={backingUp ? 'button button-primary button-busy' : 'button button-primary'}
                aria-disabled={backingUp || undefined}
                onClick={() => void backUpNow()}
              >
                {t('backupsPage.backUpNow')}
              </button>
            </div>
          </section>
          <ScheduleForm
            overview={overview}
            onSaved={() => {
              setOutcome({ message: t('backupsPage.scheduleSaved'), tone: 'success' });
              reload();
            }}
          />
          <section className="card compliance-section" aria-labelledby="backups-list-heading">
            <h2 id="backups-list-heading">{t('backupsPage.restoreFromABackup')}</h2>
            <p className="compliance-note">
              {t('backupsPage.restoringReplacesEverythingInConsent')}
            </p>
            {overview.backups.length ? (
              <BackupTable backups={overview.backups} onRestore={setRestoring} />
            ) : (
              <p className="empty-note">{t('backupsPage.thereIsNoBackupIn')}</p>
            )}
            {shell?.dialogs === 'native' ? (
              <div className="form-actions">
                <button type="button" className="button button-secondary" onClick={restoreFromFile}>
                  {t('backupsPage.restoreFromAnotherBackupFile')}
                </button>
                {chooseProblem ? <p role="alert">{chooseProblem}</p> : null}
              </div>
            ) : null}
          </section>
        </>
      ) : error ? null : (
        <p aria-busy="true">{t('backupsPage.loadingBackups')}</p>
      )}
      {restoring ? <RestoreDialog backup={restoring} onClose={() => setRestoring(null)} /> : null}
    </>
  );
}
