import { useTranslation } from 'react-i18next';
import { formResolver } from '../../components/form-resolver';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { Settings } from '../../../../shared/settings';
import { useApi } from '../../api/api-context';
import { reportCallError, type FormProblem } from '../../components/call-error';
import { FormAlert } from '../../components/FormAlert';
import { FormField } from '../../components/FormField';
import { StatusMessage } from '../../components/StatusMessage';
import { TextAreaField } from '../../components/TextAreaField';
import { SubmitButton } from '../../components/SubmitButton';
import { TimeZoneField } from '../../components/TimeZoneField';
import { useAppState } from '../session/app-state-context';
import { settingsFormSchema, type SettingsFormInput, type SettingsFormValues } from './settings-form-schema';
import './settings.css';

export function SettingsForm({ settings }: { settings: Settings }) {
  const { t } = useTranslation(['settings', 'common']);
  const api = useApi();
  const { refresh } = useAppState();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<SettingsFormInput, unknown, SettingsFormValues>({
    resolver: formResolver(settingsFormSchema),
    defaultValues: settings,
  });

  const onSubmit = handleSubmit(async (values) => {
    setProblem(null);
    setSaved(null);
    try {
      const updated = await api['settings.update'](values);
      reset(updated);
      // The header's practice name and the idle timer read the app state.
      await refresh();
      setSaved(t('settingsForm.saved'));
    } catch (error) {
      setProblem(
        reportCallError(error, setError, {
          practiceName: 'practiceName',
          idleMinutes: 'idleMinutes',
          patientModeIdleMinutes: 'patientModeIdleMinutes',
          timeZone: 'timeZone',
          ageOfMajority: 'ageOfMajority',
          practiceAddress: 'practiceAddress',
          practiceEmail: 'practiceEmail',
          practicePhone: 'practicePhone',
          practiceWebsite: 'practiceWebsite',
        }),
      );
    }
  });

  return (
    <>
      <FormAlert problem={problem} />
      <form className="card settings-form" noValidate aria-busy={isSubmitting} onSubmit={(event) => void onSubmit(event)}>
        <FormField label={t('settingsForm.practiceName')} autoComplete="organization" registration={register('practiceName')} error={errors.practiceName?.message} />
        <TextAreaField
          label={t('settingsForm.practiceAddress')}
          autoComplete="street-address"
          rows={3}
          hint={t('settingsForm.wherePatientsSendAWritten')}
          registration={register('practiceAddress')}
          error={errors.practiceAddress?.message}
        />
        <FormField
          label={t('settingsForm.emailForRevocationsOptional')}
          type="email"
          autoComplete="email"
          hint={t('settingsForm.ifThePracticeAcceptsRevocations')}
          registration={register('practiceEmail')}
          error={errors.practiceEmail?.message}
        />
        <FormField
          label={t('settingsForm.lockAfterMinutes')}
          type="number"
          inputMode="numeric"
          min={1}
          max={60}
          step={1}
          className="settings-minutes"
          hint={t('settingsForm.consentDeskLocksItselfAfter')}
          registration={register('idleMinutes', { valueAsNumber: true })}
          error={errors.idleMinutes?.message}
        />
        <FormField
          label={t('settingsForm.patientModeIdleMinutes')}
          type="number"
          inputMode="numeric"
          min={5}
          max={120}
          step={1}
          className="settings-minutes"
          hint={t('settingsForm.patientModeIdleHint')}
          registration={register('patientModeIdleMinutes', { valueAsNumber: true })}
          error={errors.patientModeIdleMinutes?.message}
        />
        <TimeZoneField registration={register('timeZone')} error={errors.timeZone?.message} />
        <FormField
          label={t('settingsForm.ageOfMajority')}
          type="number"
          inputMode="numeric"
          min={16}
          max={21}
          step={1}
          className="settings-minutes"
          hint={t('settingsForm.setByStateLaw18')}
          registration={register('ageOfMajority', { valueAsNumber: true })}
          error={errors.ageOfMajority?.message}
        />
        <fieldset className="settings-contact">
          <legend className="field-label">{t('settingsForm.thePracticeSOtherPublic')}</legend>
          <p className="field-hint">
            {t('settingsForm.reviewRepliesThatGiveThese')}
          </p>
          <FormField label={t('settingsForm.phoneOptional')} type="tel" autoComplete="tel" registration={register('practicePhone')} error={errors.practicePhone?.message} />
          <FormField label={t('settingsForm.websiteOptional')} inputMode="url" autoComplete="url" registration={register('practiceWebsite')} error={errors.practiceWebsite?.message} />
        </fieldset>
        <div className="form-actions">
          <SubmitButton busy={isSubmitting}>{t('settingsForm.saveSettings')}</SubmitButton>
        </div>
      </form>
      <StatusMessage tone="success">{saved}</StatusMessage>
    </>
  );
}
