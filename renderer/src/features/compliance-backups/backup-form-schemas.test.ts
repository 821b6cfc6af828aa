import { describe, expect, it } from 'vitest';
import { backupScheduleSchema, defaultBackupSchedule } from '../../../../shared/compliance/backups';
import { contract } from '../../../../shared/contract';
import { restoreFormSchema, scheduleFormSchema, toRestoreCredential, toSchedule, toScheduleForm } from './backup-form-schemas';

describe('the backup schedule form', () => {
  it('shows the default schedule with an empty folder box, and sends null for it', () => {
    const form = toScheduleForm(defaultBackupSchedule);
    expect(form.folder).toBe('');
    const schedule = toSchedule(scheduleFormSchema.parse(form));
    expect(schedule).toEqual(defaultBackupSchedule);
    expect(backupScheduleSchema.safeParse(schedule).success).toBe(true);
  });

  it('keeps a chosen folder, and refuses a relative one on the folder box', () => {
    const chosen = toSchedule(scheduleFormSchema.parse({ enabled: true, folder: ' /media/usb/backups ', everyHours: 12, keep: 30 }));
    expect(chosen).toEqual({ enabled: true, folder: '/media/usb/backups', everyHours: 12, keep: 30 });
    const relative = scheduleFormSchema.safeParse({ enabled: true, folder: 'backups', everyHours: 24, keep: 14 });
    expect(relative.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['folder', 'Give an absolute path.']]);
  });

  it('says what to type in an empty or out-of-range number box', () => {
    const empty = scheduleFormSchema.safeParse({ enabled: true, folder: '', everyHours: Number.NaN, keep: 0 });
    expect(empty.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['everyHours', 'Enter a number of hours from 1 to 168 (24 is daily).'],
      ['keep', 'Keep at least one backup.'],
    ]);
  });
});

describe('the restore form', () => {
  const blank = { with: 'password' as const, password: '', recoveryKey: '' };

  it('asks for the credential chosen, and sends only that one', () => {
    expect(restoreFormSchema.safeParse(blank).error?.issues.map((i) => i.path.join('.'))).toEqual(['password']);
    expect(restoreFormSchema.safeParse({ ...blank, with: 'recoveryKey' }).error?.issues.map((i) => i.path.join('.'))).toEqual(['recoveryKey']);
    const byPassword = toRestoreCredential(restoreFormSchema.parse({ ...blank, password: 'pw', recoveryKey: 'typed then abandoned' }));
    expect(byPassword).toEqual({ password: 'pw' });
    const byKey = toRestoreCredential(restoreFormSchema.parse({ ...blank, with: 'recoveryKey', recoveryKey: ' ABCD-EFGH ' }));
    expect(byKey).toEqual({ recoveryKey: 'ABCD-EFGH' });
    const input = { filePath: '/backups/consent-desk-backup-20260131T021500123Z.cdbackup', ...byPassword };
    expect(contract['backups.restore'].input.safeParse(input).success).toBe(true);
  });
});
