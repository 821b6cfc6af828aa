import fs from 'node:fs';
import path from 'node:path';
import {
  backupDue,
  backupFileName,
  backupScheduleSchema,
  backupTimeOf,
  backupsToPrune,
  defaultBackupSchedule,
  nextBackupAt,
  type BackupInfo,
  type BackupOverview,
  type BackupSchedule,
} from '../../../shared/compliance/backups';
import { AppError } from '../../../shared/errors';
import { appendAudit } from '../audit/audit-log';
import type { BackendCore } from '../backend-core';
import type { Db } from '../store/database';
import { infoOf, readBackupMeta, writeBackup } from './backup-file';
import { clearAlerts, raiseAlert } from '../store/store-alerts';
import { makePrivateFolder } from '../store/atomic-file';

const settingKey = 'backupSchedule';

/** The schedule, kept in the settings table (inside the encrypted store); the default until an administrator sets one. */
export function readBackupSchedule(db: Db): BackupSchedule {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(settingKey) as string | undefined;
  if (!row) return defaultBackupSchedule;
  const parsed = backupScheduleSchema.safeParse(JSON.parse(row));
  return parsed.success ? parsed.data : defaultBackupSchedule;
}

export function writeBackupSchedule(db: Db, schedule: BackupSchedule): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    settingKey,
    JSON.stringify(schedule),
  );
}

/** The folder backups go to: the administrator's choice, or the data folder's backups/. */
export function backupFolder(core: BackendCore, schedule: BackupSchedule): string {
  return schedule.folder ?? path.join(core.paths.dataDir, 'backups');
}

/** Our backup files in a folder (by name), oldest first. */
function backupFilesIn(folder: string): string[] {
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder)
    .filter((f) => backupTimeOf(f) !== null)
    .sort();
}

/**
 * The ones the schedule counts: named no later than `now`. A backup named in
 * the future (made while the clock was wrong) would otherwise look like the
 * newest for years, so none would fall due, and be kept while the backups
 * made since were pruned. It is left alone: neither counted nor deleted.
 */
function scheduledFilesIn(folder: string, now: Date): string[] {
  return backupFilesIn(folder).filter((f) => Date.parse(backupTimeOf(f)!) <= now.getTime());
}

export async function backupOverview(core: BackendCore): Promise<BackupOverview> {
  const schedule = readBackupSchedule(core.requireStore().db);
  const folder = backupFolder(core, schedule);
  const backups: BackupInfo[] = [];
  for (const name of backupFilesIn(folder).reverse()) {
    const file = path.join(folder, name);
    try {
      backups.push(infoOf(await readBackupMeta(file), file, fs.statSync(file).size));
    } catch {
      // A damaged or foreign file with our name pattern: not listed as a backup.
    }
  }
  const lastBackupAt = backups[0]?.createdAt ?? null;
  return { folder, schedule, lastBackupAt, nextBackupAt: nextBackupAt(lastBackupAt, schedule, core.now()), backups };
}

/**
 * Back up the open store now into `target`, or into the backup folder under
 * a name made from the time, and audit it. The copy is taken on the store's
 * connection, inside the backend's call queue, so no call interleaves.
 */
export async function backupNow(core: BackendCore, options: { target?: string; trigger: BackupInfo['trigger'] }): Promise<BackupInfo> {
  const store = core.requireStore();
  const now = core.now();
  let target = options.target;
  if (!target) {
    const schedule = readBackupSchedule(store.db);
    const folder = backupFolder(core, schedule);
    // The data folder's backups/ is made when needed; a chosen folder must be there (a drive that is
    // not plugged in must not turn into an ordinary folder on the local disk).
    if (schedule.folder === null) makePrivateFolder(folder);
    else if (!fs.existsSync(folder)) throw new AppError('conflict', `The backup folder ${folder} is not available. Connect the drive or choose another folder.`);
    target = path.join(folder, backupFileName(now));
  }
  const info = await writeBackup(store, target, { now, trigger: options.trigger });
  store.write(() => {
    core.audit({
      action: 'backup.created',
      subjectType: 'backup',
      detail: `${info.trigger}; ${info.fileName}; ${info.bytes} bytes; database SHA-256 ${info.databaseSha256}; audit head ${info.auditHeadSeq}; checked as a restore checks it`,
      ...(options.trigger === 'scheduled' ? { actorId: null, actorName: 'system' } : {}),
    });
    clearAlerts(store.db, ['backup_failed']);
  });
  // It passed the checks a restore makes: the one to name if the store is ever found damaged.
  await store.setLastGoodBackup(info.filePath, info.createdAt);
  return info;
}

/**
 * The scheduled backup: when the store is open and the schedule says one is
 * due (none yet, or the newest in the folder is older than the interval),
 * write it and delete the oldest beyond the number kept. Never throws: a
 * failure (the folder is gone, the disk is full) is audited and retried on
 * a later tick. Returns the backup made, if any.
 *
 * createBackend calls it on the expiry sweep's clock, through the call
 * queue. Backups then happen while someone is signed in or the app is locked
 * (the store stays open when locked), never while signed out (the data
 * key is not in memory then).
 */
export async function runScheduledBackup(core: BackendCore): Promise<BackupInfo | null> {
  const store = core.openStore;
  if (!store) return null;
  const schedule = readBackupSchedule(store.db);
  const folder = backupFolder(core, schedule);
  const files = scheduledFilesIn(folder, core.now());
  const last = files.length ? backupTimeOf(files.at(-1)!) : null;
  if (!backupDue(last, schedule, core.now())) return null;
  try {
    const info = await backupNow(core, { trigger: 'scheduled' });
    const prune = backupsToPrune(scheduledFilesIn(folder, core.now()), schedule.keep);
    for (const name of prune) fs.rmSync(path.join(folder, name), { force: true });
    if (prune.length) {
      store.write(() =>
        appendAudit(store.db, { at: core.nowIso(), actorId: null, actorName: 'system', action: 'backup.pruned', subjectType: 'backup', detail: `${prune.length} old backup(s): ${prune.join(', ')}` }),
      );
    }
    return info;
  } catch (error) {
    const reason =
      error instanceof AppError ? error.message : error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.name) : typeof error;
    if (core.openStore === store) {
      const last = store.lastGoodBackup;
      try {
        store.write(() => {
          appendAudit(store.db, { at: core.nowIso(), actorId: null, actorName: 'system', action: 'backup.failed', subjectType: 'backup', detail: `scheduled; ${reason}` });
          // Shown to administrators on every screen until a backup succeeds.
          raiseAlert(store.db, {
            kind: 'backup_failed',
            at: core.nowIso(),
            message: `The scheduled backup failed: ${reason} ${last ? `The newest good backup is ${last.file} (${last.createdAt}).` : 'There is no good backup yet.'} Make a backup now from the Backups screen.`,
          });
        });
      } catch (auditError) {
        core.reportUnexpected(`consent-desk: a failed scheduled backup could not be recorded (${(auditError as { code?: unknown })?.code ?? 'error'})`);
      }
    }
    return null;
  }
}
