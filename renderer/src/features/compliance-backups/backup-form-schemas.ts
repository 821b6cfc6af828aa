import { z } from 'zod';
import { backupScheduleSchema, type BackupSchedule } from '../../../../shared/compliance/backups';
import { i18n } from '../../i18n/i18n';

const folderRule = backupScheduleSchema.shape.folder.unwrap();

/**
 * The schedule form: the same rules as `backups.setSchedule`, an empty
 * folder box meaning the data folder's own backups/ folder. Empty number
 * boxes read as NaN: say what to type rather than "expected number".
 */
export const scheduleFormSchema = z.object({
  enabled: z.boolean(),
  folder: z.string().trim().pipe(z.union([z.literal(''), folderRule])),
  everyHours: z.number({ error: () => i18n.t('validation:backups.everyHours') }).pipe(backupScheduleSchema.shape.everyHours),
  keep: z.number({ error: () => i18n.t('validation:backups.keep') }).pipe(backupScheduleSchema.shape.keep),
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
      ctx.addIssue({ code: 'custom', path: ['password'], message: i18n.t('validation:backups.password') });
    }
    if (v.with === 'recoveryKey' && v.recoveryKey.trim() === '') {
      ctx.addIssue({ code: 'custom', path: ['recoveryKey'], message: i18n.t('validation:backups.recoveryKey') });
    }
  });

export type RestoreFormValues = z.output<typeof restoreFormSchema>;

/** The credential as `backups.restore` takes it: exactly one of the two. */
export function toRestoreCredential(values: RestoreFormValues): { password: string } | { recoveryKey: string } {
  return values.with === 'password' ? { password: values.password } : { recoveryKey: values.recoveryKey.trim() };
}
