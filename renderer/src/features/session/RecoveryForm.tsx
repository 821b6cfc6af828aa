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
import { useAppState } from './app-state-context';
import { recoveryFormSchema, type RecoveryFormInput, type RecoveryFormValues } from './sign-in-form-schemas';
import './sign-in.css';

/** An administrator who forgot their password sets a new one with the recovery key. */
export function RecoveryForm({ onBack }: { onBack: () => void }) {
  const { t } = useTranslation(['session', 'common']);
  const api = useApi();
  const { applyState } = useAppState();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<RecoveryFormInput, unknown, RecoveryFormValues>({
    resolver: formResolver(recoveryFormSchema),
    defaultValues: { recoveryKey: '', username: '', newPassword: '', confirmPassword: '' },
  });

  const onSubmit = handleSubmit(async ({ recoveryKey, username, newPassword }) => {
    setProblem(null);
    try {
      applyState(await api['session.recover']({ recoveryKey, username, newPassword }));
    } catch (error) {
      setProblem(
        reportCallError(error, setError, { recoveryKey: 'recoveryKey', username: 'username', newPassword: 'newPassword' }),
      );
    }
  });

  return (
    <>
      <PageHeading>{t('recoveryForm.recoverAccessWithTheRecovery')}</PageHeading>
      <p className="lead">
        {t('recoveryForm.enterTheRecoveryKeyYou')}
      </p>
      <FormAlert problem={problem} />
      <form noValidate aria-busy={isSubmitting} onSubmit={(event) => void onSubmit(event)}>
        <FormField
          label={t('recoveryForm.recoveryKey')}
          className="monospace"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          hint={t('recoveryForm.52LettersAndDigitsIn')}
          registration={register('recoveryKey')}
          error={errors.recoveryKey?.message}
        />
        <FormField
          label={t('recoveryForm.administratorUsername')}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          registration={register('username')}
          error={errors.username?.message}
        />
        <NewPasswordFields
          password={register('newPassword')}
          confirmation={register('confirmPassword')}
          errors={{ password: errors.newPassword?.message, confirmation: errors.confirmPassword?.message }}
        />
        <div className="form-actions">
          <SubmitButton busy={isSubmitting}>{t('recoveryForm.setNewPasswordAndSign')}</SubmitButton>
          <button type="button" className="button button-secondary" onClick={onBack}>
            {t('recoveryForm.backToSignIn')}
          </button>
        </div>
      </form>
    </>
  );
}
