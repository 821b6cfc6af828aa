import { z } from 'zod';

/**
 * Where and how often the app writes encrypted backups on its own. The
 * folder is chosen by the administrator (in the Electron shell, through a
 * folder dialog); without one, backups go to the data folder's backups/.
 */
export const backupScheduleSchema = z
  .object({
    enabled: z.boolean(),
    folder: z
      .string()
      .max(4096)
      .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p), 'Give an absolute path.')
      .nullable(),
    everyHours: z.number().int('Use whole hours.').min(1, 'Back up at most every hour.').max(24 * 7, 'Back up at least weekly.'),
    keep: z.number().int('Use a whole number.').min(1, 'Keep at least one backup.').max(365, 'Keep at most 365 backups.'),
  })
  .strict();

export type BackupSchedule = z.output<typeof backupScheduleSchema>;

/** Daily, keeping two weeks. */
export const defaultBackupSchedule: BackupSchedule = { enabled: true, folder: null, everyHours: 24, keep: 14 };

/** One backup file as `backups.create` and `backups.list` describe it. */
export interface BackupInfo {
  fileName: string;
  filePath: string;
  bytes: number;
  createdAt: string;
  /** SHA-256 of the database copy inside (not of the file). */
  databaseSha256: string;
  storeId: string;
  keyEpoch: number;
  schemaVersion: number;
  auditHeadSeq: number;
  trigger: 'manual' | 'scheduled';
}

export interface BackupOverview {
  folder: string;
  schedule: BackupSchedule;
  lastBackupAt: string | null;
  nextBackupAt: string | null;
  backups: BackupInfo[];
}

const namePattern = /^consent-desk-backup-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z\.cdbackup$/;

/** consent-desk-backup-20260131T021500123Z.cdbackup: sorts by time, says nothing about the data. */
export function backupFileName(createdAt: Date): string {
  return `consent-desk-backup-${createdAt.toISOString().replace(/[-:.]/g, '')}.cdbackup`;
}

/** The instant a backup's file name records, or null when the name is not one of ours. */
export function backupTimeOf(fileName: string): string | null {
  const m = namePattern.exec(fileName);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, ms] = m;
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`;
  return Number.isNaN(Date.parse(iso)) ? null : iso;
}

/** When the next scheduled backup is due (now, if none was ever made), or null when the schedule is off. */
export function nextBackupAt(lastBackupAt: string | null, schedule: BackupSchedule, now: Date): string | null {
  if (!schedule.enabled) return null;
  if (lastBackupAt === null) return now.toISOString();
  return new Date(Date.parse(lastBackupAt) + schedule.everyHours * 3_600_000).toISOString();
}

export function backupDue(lastBackupAt: string | null, schedule: BackupSchedule, now: Date): boolean {
  const next = nextBackupAt(lastBackupAt, schedule, now);
  return next !== null && Date.parse(next) <= now.getTime();
}

/** The backups to delete so that the newest `keep` remain (only files named by `backupFileName`). */
export function backupsToPrune(fileNames: string[], keep: number): string[] {
  const ours = fileNames.filter((f) => backupTimeOf(f) !== null).sort();
  return ours.slice(0, Math.max(0, ours.length - keep));
}

/**
 * What happened to existing backups when the key slots changed (a staff
 * member disabled, a new recovery key): re-sealed so that only the current
 * slots open them, or named with who can still open them.
 */
export interface BackupResealReport {
  /** Backups in the backup folder whose key file now holds only the current slots. */
  resealed: string[];
  /** Backups that could not be re-sealed, each with why and who can still open it. */
  stillOpen: { file: string; why: string }[];
  /** Backups written elsewhere (a USB drive, a chosen path) are out of reach: said plainly. */
  elsewhere: string;
}
