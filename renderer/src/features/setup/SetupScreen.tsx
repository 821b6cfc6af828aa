import { zodResolver } from '@hookform/resolvers/zod';
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
  const api = useApi();
  const { applyState } = useAppState();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<SetupFormInput, unknown, SetupFormValues>({
    resolver: zodResolver(setupFormSchema),
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
      <PageHeading>Set up Consent Desk</PageHeading>
      <p className="lead">
        Name your practice and create the first administrator account, usually the practice’s privacy officer. You can
        add other staff once you are signed in.
      </p>
      <FormAlert problem={problem} />
      <form noValidate aria-busy={isSubmitting} onSubmit={(event) => void onSubmit(event)}>
        <FormField label="Practice name" autoComplete="organization" registration={register('practiceName')} error={errors.practiceName?.message} />
        <TimeZoneField registration={register('timeZone')} error={errors.timeZone?.message} />
        <FormField label="Your name" autoComplete="name" registration={register('displayName')} error={errors.displayName?.message} />
        <FormField
          label="Username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          hint="What you will type to sign in, for example “jsmith”."
          registration={register('username')}
          error={errors.username?.message}
        />
        <NewPasswordFields
          label="Password"
          password={register('password')}
          confirmation={register('confirmPassword')}
          errors={{ password: errors.password?.message, confirmation: errors.confirmPassword?.message }}
        />
        <div className="form-actions">
          <SubmitButton busy={isSubmitting}>Create store</SubmitButton>
        </div>
      </form>
    </WelcomeLayout>
  );
}
