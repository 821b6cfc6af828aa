import { zodResolver } from '@hookform/resolvers/zod';
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
    resolver: zodResolver(scheduleFormSchema),
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
      <h2 id="schedule-heading">Schedule</h2>
      <FormAlert problem={problem} />
      <form noValidate aria-busy={isSubmitting} onSubmit={(event) => void onSubmit(event)}>
        <CheckboxField label="Back up automatically" {...register('enabled')} />
        <FormField
          label="Backup folder"
          autoComplete="off"
          spellCheck={false}
          readOnly={native}
          hint={
            native
              ? 'Choose a folder, ideally on another drive. Leave it empty to use the data folder’s own backups folder.'
              : 'The full path of an existing folder, ideally on another drive. Leave it empty to use the data folder’s own backups folder.'
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
              Choose folder…
            </button>
            <button type="button" className="button button-secondary" onClick={() => setValue('folder', '', { shouldDirty: true })}>
              Use the data folder’s backups folder
            </button>
          </div>
        ) : null}
        <div className="compliance-fields">
          <FormField
            label="Back up every (hours)"
            type="number"
            inputMode="numeric"
            min={1}
            max={168}
            step={1}
            hint="24 is daily, 168 weekly. Backups run while someone is signed in or the app is locked."
            registration={register('everyHours', { valueAsNumber: true })}
            error={errors.everyHours?.message}
          />
          <FormField
            label="Backups to keep"
            type="number"
            inputMode="numeric"
            min={1}
            max={365}
            step={1}
            hint="After each scheduled backup, the oldest backups in the folder beyond this number are deleted."
            registration={register('keep', { valueAsNumber: true })}
            error={errors.keep?.message}
          />
        </div>
        <div className="form-actions">
          <SubmitButton busy={isSubmitting}>Save schedule</SubmitButton>
        </div>
      </form>
    </section>
  );
}
