import { z } from 'zod';
import { backupScheduleSchema, type BackupSchedule } from '../../../../shared/compliance/backups';

const folderRule = backupScheduleSchema.shape.folder.unwrap();

/**
 * The schedule form: the same rules as `backups.setSchedule`, an empty
 * folder box meaning the data folder's own backups/ folder. Empty number
 * boxes read as NaN: say what to type rather than "expected number".
 */
export const scheduleFormSchema = z.object({
  enabled: z.boolean(),
  folder: z.string().trim().pipe(z.union([z.literal(''), folderRule])),
  everyHours: z.number('Enter a number of hours from 1 to 168 (24 is daily).').pipe(backupScheduleSchema.shape.everyHours),
  keep: z.number('Enter how many backups to keep, from 1 to 365.').pipe(backupScheduleSchema.shape.keep),
});

export type ScheduleFormInput = z.input<typeof scheduleFormSchema>;
export type ScheduleFormValues = z.output<typeof scheduleFormSchema>;

export function toScheduleForm(schedule: BackupSchedule): ScheduleFormInput {
  return { ...schedule, folder: schedule.folder ?? '' };
}

export function toSchedule(values: ScheduleFormValues): BackupSchedule {
  return { ...values, folder: values.folder === '' ? null : values.folder };
}

/** Restoring: the password the administrator had when the backup was made, or the recovery key. */
export const restoreFormSchema = z
  .object({
    with: z.enum(['password', 'recoveryKey']),
    password: z.string().max(256),
    recoveryKey: z.string().max(200),
  })
  .superRefine((v, ctx) => {
    if (v.with === 'password' && v.password === '') {
      ctx.addIssue({ code: 'custom', path: ['password'], message: 'Enter your password as it was when the backup was made.' });
    }
    if (v.with === 'recoveryKey' && v.recoveryKey.trim() === '') {
      ctx.addIssue({ code: 'custom', path: ['recoveryKey'], message: 'Enter the recovery key shown when Consent Desk was set up.' });
    }
  });

export type RestoreFormValues = z.output<typeof restoreFormSchema>;

/** The credential as `backups.restore` takes it: exactly one of the two. */
export function toRestoreCredential(values: RestoreFormValues): { password: string } | { recoveryKey: string } {
  return values.with === 'password' ? { password: values.password } : { recoveryKey: values.recoveryKey.trim() };
}
