import { zodResolver } from '@hookform/resolvers/zod';
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
    resolver: zodResolver(settingsFormSchema),
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
      setSaved('Settings saved.');
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
        <FormField label="Practice name" autoComplete="organization" registration={register('practiceName')} error={errors.practiceName?.message} />
        <TextAreaField
          label="Practice address"
          autoComplete="street-address"
          rows={3}
          hint="Where patients send a written revocation: street, city, state and ZIP code. Every authorization prints it, and the reply checker lets it pass in a review reply."
          registration={register('practiceAddress')}
          error={errors.practiceAddress?.message}
        />
        <FormField
          label="Email for revocations (optional)"
          type="email"
          autoComplete="email"
          hint="If the practice accepts revocations by email, authorizations print this address beside the postal one. The reply checker lets it pass in a review reply."
          registration={register('practiceEmail')}
          error={errors.practiceEmail?.message}
        />
        <FormField
          label="Lock after (minutes)"
          type="number"
          inputMode="numeric"
          min={1}
          max={60}
          step={1}
          className="settings-minutes"
          hint="Consent Desk locks itself after this many minutes without input, from 1 to 60."
          registration={register('idleMinutes', { valueAsNumber: true })}
          error={errors.idleMinutes?.message}
        />
        <FormField
          label="Pause patient mode after (minutes)"
          type="number"
          inputMode="numeric"
          min={5}
          max={120}
          step={1}
          className="settings-minutes"
          hint="While a patient reads, the screen waits this long without input, from 5 to 120, then asks “Are you still there?” before it pauses."
          registration={register('patientModeIdleMinutes', { valueAsNumber: true })}
          error={errors.patientModeIdleMinutes?.message}
        />
        <TimeZoneField registration={register('timeZone')} error={errors.timeZone?.message} />
        <FormField
          label="Age of majority"
          type="number"
          inputMode="numeric"
          min={16}
          max={21}
          step={1}
          className="settings-minutes"
          hint="Set by state law: 18 in most states, 19 in Alabama and Nebraska, 21 in Mississippi. Younger patients need a representative to sign."
          registration={register('ageOfMajority', { valueAsNumber: true })}
          error={errors.ageOfMajority?.message}
        />
        <fieldset className="settings-contact">
          <legend className="field-label">The practice’s other public contact details</legend>
          <p className="field-hint">
            Review replies that give these, or the address and email above, are the safe pattern: the reply checker does not flag them.
          </p>
          <FormField label="Phone (optional)" type="tel" autoComplete="tel" registration={register('practicePhone')} error={errors.practicePhone?.message} />
          <FormField label="Website (optional)" inputMode="url" autoComplete="url" registration={register('practiceWebsite')} error={errors.practiceWebsite?.message} />
        </fieldset>
        <div className="form-actions">
          <SubmitButton busy={isSubmitting}>Save settings</SubmitButton>
        </div>
      </form>
      <StatusMessage tone="success">{saved}</StatusMessage>
    </>
  );
}
