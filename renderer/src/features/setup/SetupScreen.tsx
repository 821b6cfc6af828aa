import { useTranslation } from 'react-i18next';
import { formResolver } from '../../components/form-resolver';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useApi } from '../../api/api-context';
import { reportCallError, type FormProblem } from '../../components/call-error';
import { FormAlert } from '../../components/FormAlert';
import { FormField } from '../../components/FormField';
import { NewPasswordFields } from '../../components/NewPasswordFields';
import { PageHeading } from '../../components/PageHeading';
import { SubmitButton } from '../../components/SubmitButton';
import { TimeZoneField } from '../../components/TimeZoneField';
import { workstationTimeZone } from '../../../../shared/calendar';
import { WelcomeLayout } from '../../components/WelcomeLayout';
import { useAppState } from '../session/app-state-context';
import { setupFormSchema, type SetupFormInput, type SetupFormValues } from './setup-form-schema';

/** First run: name the practice and create its first administrator (the privacy officer). */
export function SetupScreen() {
  const { t } = useTranslation(['setup', 'common']);
  const api = useApi();
  const { applyState } = useAppState();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<SetupFormInput, unknown, SetupFormValues>({
    resolver: formResolver(setupFormSchema),
    defaultValues: { practiceName: '', timeZone: workstationTimeZone(), displayName: '', username: '', password: '', confirmPassword: '' },
  });

  const onSubmit = handleSubmit(async (values) => {
    setProblem(null);
    try {
      const created = await api['setup.create']({
        practiceName: values.practiceName,
        timeZone: values.timeZone,
        adminDisplayName: values.displayName,
        adminUsername: values.username,
        password: values.password,
      });
      applyState(created.state, { recoveryKey: created.recoveryKey });
    } catch (error) {
      setProblem(
        reportCallError(error, setError, {
          practiceName: 'practiceName',
          timeZone: 'timeZone',
          adminDisplayName: 'displayName',
          adminUsername: 'username',
          password: 'password',
        }),
      );
    }
  });

  return (
    <WelcomeLayout>
      <PageHeading>{t('setupScreen.setUpConsentDesk')}</PageHeading>
      <p className="lead">
        {t('setupScreen.nameYourPracticeAndCreate')}
      </p>
      <FormAlert problem={problem} />
      <form noValidate aria-busy={isSubmitting} onSubmit={(event) => void onSubmit(event)}>
        <FormField label={t('setupScreen.practiceName')} autoComplete="organization" registration={register('practiceName')} error={errors.practiceName?.message} />
        <TimeZoneField registration={register('timeZone')} error={errors.timeZone?.message} />
        <FormField label={t('setupScreen.yourName')} autoComplete="name" registration={register('displayName')} error={errors.displayName?.message} />
        <FormField
          label={t('setupScreen.username')}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          hint={t('setupScreen.whatYouWillTypeTo')}
          registration={register('username')}
          error={errors.username?.message}
        />
        <NewPasswordFields
          label={t('setupScreen.password')}
          confirmLabel={t('setupScreen.confirmPassword')}
          password={register('password')}
          confirmation={register('confirmPassword')}
          errors={{ password: errors.password?.message, confirmation: errors.confirmPassword?.message }}
        />
        <div className="form-actions">
          <SubmitButton busy={isSubmitting}>{t('setupScreen.createStore')}</SubmitButton>
        </div>
      </form>
    </WelcomeLayout>
  );
}
