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
  if (!schedule.enabled) return 'Off: backups are made only when you ask.';
  const every = schedule.everyHours === 24 ? 'Daily' : schedule.everyHours === 168 ? 'Weekly' : `Every ${schedule.everyHours} hours`;
  return `${every}, keeping the newest ${schedule.keep}`;
}

/** The overview: where backups go, when the last was made and the next is due. */
function Overview({ overview }: { overview: BackupOverview }) {
  return (
    <dl className="compliance-facts">
      <div>
        <dt>Folder</dt>
        <dd>
          <code>{overview.folder}</code>
          {overview.schedule.folder === null ? ' (the data folder’s own; choose a folder on another drive below)' : ''}
        </dd>
      </div>
      <div>
        <dt>Schedule</dt>
        <dd>{scheduleText(overview)}</dd>
      </div>
      <div>
        <dt>Last backup</dt>
        <dd>{overview.lastBackupAt ? showInstant(overview.lastBackupAt) : 'None yet'}</dd>
      </div>
      <div>
        <dt>Next backup</dt>
        <dd>{overview.nextBackupAt ? `Due ${showInstant(overview.nextBackupAt)}` : 'None scheduled'}</dd>
      </div>
    </dl>
  );
}

function BackupTable({ backups, onRestore }: { backups: BackupInfo[]; onRestore: (backup: BackupInfo) => void }) {
  return (
    <TableScroll label="Backups in the folder">
      <table className="data-table compliance-table">
        <caption>Backups in the folder, newest first ({backups.length})</caption>
        <thead>
          <tr>
            <th scope="col">Made</th>
            <th scope="col">How</th>
            <th scope="col">File</th>
            <th scope="col">Size</th>
            <th scope="col">Audit events</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {backups.map((backup) => (
            <tr key={backup.filePath}>
              <th scope="row">{showInstant(backup.createdAt)}</th>
              <td>{backup.trigger === 'manual' ? 'On request' : 'Scheduled'}</td>
              <td className="cell-wrap">
                <code>{backup.fileName}</code>
              </td>
              <td className="compliance-nowrap">{formatBytes(backup.bytes)}</td>
              <td>{backup.auditHeadSeq}</td>
              <td>
                <button type="button" className="button button-secondary button-small" onClick={() => onRestore(backup)}>
                  Restore<VisuallyHidden> the backup made {showInstant(backup.createdAt)}</VisuallyHidden>
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
      setOutcome({ message: `Backup written: ${made.fileName} (${formatBytes(made.bytes)}), encrypted like the store.`, tone: 'success' });
      reload();
    } catch (failure) {
      setOutcome({ message: messageOf(failure), tone: 'problem' });
    } finally {
      setBackingUp(false);
    }
  };

  return (
    <>
      <PageHeading>Backups</PageHeading>
      <p className="lead">
        A backup is a consistent copy of the whole store, encrypted with the same key: it never holds anything readable
        without a staff password or the recovery key. Keep backups on another drive.
      </p>
      <StatusMessage tone={error ? 'problem' : (outcome?.tone ?? 'info')}>{error ?? outcome?.message}</StatusMessage>
      {overview ? (
        <>
          <section className="card compliance-section" aria-labelledby="backups-overview-heading" aria-busy={backingUp}>
            <h2 id="backups-overview-heading">Overview</h2>
            <Overview overview={overview} />
            <div className="form-actions">
              <button
                type="button"
                className={backingUp ? 'button button-primary button-busy' : 'button button-primary'}
                aria-disabled={backingUp || undefined}
                onClick={() => void backUpNow()}
              >
                Back up now
              </button>
            </div>
          </section>
          <ScheduleForm
            overview={overview}
            onSaved={() => {
              setOutcome({ message: 'Schedule saved.', tone: 'success' });
              reload();
            }}
          />
          <section className="card compliance-section" aria-labelledby="backups-list-heading">
            <h2 id="backups-list-heading">Restore from a backup</h2>
            <p className="compliance-note">
              Restoring replaces everything in Consent Desk with the backup and signs everyone out. It needs your password as it
              was when the backup was made, or the recovery key.
            </p>
            {overview.backups.length ? (
              <BackupTable backups={overview.backups} onRestore={setRestoring} />
            ) : (
              <p className="empty-note">There is no backup in this folder yet.</p>
            )}
            {shell?.dialogs === 'native' ? (
              <div className="form-actions">
                <button type="button" className="button button-secondary" onClick={restoreFromFile}>
                  Restore from another backup file…
                </button>
                {chooseProblem ? <p role="alert">{chooseProblem}</p> : null}
              </div>
            ) : null}
          </section>
        </>
      ) : error ? null : (
        <p aria-busy="true">Loading backups…</p>
      )}
      {restoring ? <RestoreDialog backup={restoring} onClose={() => setRestoring(null)} /> : null}
    </>
  );
}
