import { useTranslation } from 'react-i18next';
import { formResolver } from '../../components/form-resolver';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { BackupOverview } from '../../../../shared/compliance/backups';
import { useApi } from '../../api/api-context';
import { useShellCapabilities } from '../../api/use-shell-capabilities';
import { messageOf } from '../../components/error-message';
import { reportCallError, type FormProblem } from '../../components/call-error';
import { CheckboxField } from '../../components/CheckboxField';
import { FormAlert } from '../../components/FormAlert';
import { FormField } from '../../components/FormField';
import { SubmitButton } from '../../components/SubmitButton';
import { scheduleFormSchema, toSchedule, toScheduleForm, type ScheduleFormInput, type ScheduleFormValues } from './backup-form-schemas';

/** Where and how often backups are written on their own, and how many are kept. */
export function ScheduleForm({ overview, onSaved }: { overview: BackupOverview; onSaved: (overview: BackupOverview) => void }) {
  const { t } = useTranslation(['compliance-backups', 'common']);
  const api = useApi();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const shell = useShellCapabilities();
  const native = shell?.dialogs === 'native';
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<ScheduleFormInput, unknown, ScheduleFormValues>({
    resolver: formResolver(scheduleFormSchema),
    defaultValues: toScheduleForm(overview.schedule),
  });

  const onSubmit = handleSubmit(async (values) => {
    setProblem(null);
    try {
      const saved = await api['backups.setSchedule'](toSchedule(values));
      reset(toScheduleForm(saved.schedule));
      onSaved(saved);
    } catch (error) {
      setProblem(reportCallError(error, setError, { folder: 'folder', everyHours: 'everyHours', keep: 'keep', enabled: 'enabled' }));
    }
  });

  return (
    <section className="card compliance-section" aria-labelledby="schedule-heading">
      <h2 id="schedule-heading">{t('scheduleForm.schedule')}</h2>
      <FormAlert problem={problem} />
      <form noValidate aria-busy={isSubmitting} onSubmit={(event) => void onSubmit(event)}>
        <CheckboxField label={t('scheduleForm.backUpAutomatically')} {...register('enabled')} />
        <FormField
          label={t('scheduleForm.backupFolder')}
          autoComplete="off"
          spellCheck={false}
          readOnly={native}
          hint={
            native
              ? t('scheduleForm.chooseAFolderIdeallyOn')
              : t('scheduleForm.theFullPathOfAn')
          }
          registration={register('folder')}
          error={errors.folder?.message}
        />
        {native ? (
          <div className="form-actions">
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                setProblem(null);
                api['shell.choosePath']({ purpose: 'backupFolder' }).then(
                  (chosen) => chosen && setValue('folder', chosen.path, { shouldDirty: true }),
                  (error: unknown) => setProblem({ message: messageOf(error), focus: true }),
                );
              }}
            >
              {t('scheduleForm.chooseFolder')}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setValue('folder', '', { shouldDirty: true })}>
              {t('scheduleForm.useTheDataFolderS')}
            </button>
          </div>
        ) : null}
        <div className="compliance-fields">
          <FormField
            label={t('scheduleForm.backUpEveryHours')}
            type="number"
            inputMode="numeric"
            min={1}
            max={168}
            step={1}
            hint={t('scheduleForm.24IsDaily168Weekly')}
            registration={register('everyHours', { valueAsNumber: true })}
            error={errors.everyHours?.message}
          />
          <FormField
            label={t('scheduleForm.backupsToKeep')}
            type="number"
            inputMode="numeric"
            min={1}
            max={365}
            step={1}
            hint={t('scheduleForm.afterEachScheduledBackupThe')}
            registration={register('keep', { valueAsNumber: true })}
            error={errors.keep?.message}
          />
        </div>
        <div className="form-actions">
          <SubmitButton busy={isSubmitting}>{t('scheduleForm.saveSchedule')}</SubmitButton>
        </div>
      </form>
    </section>
  );
}
