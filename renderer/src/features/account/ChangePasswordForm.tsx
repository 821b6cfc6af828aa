import { useTranslation } from 'react-i18next';
import { formResolver } from '../../components/form-resolver';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useApi } from '../../api/api-context';
import { reportCallError, type FormProblem } from '../../components/call-error';
import { FormAlert } from '../../components/FormAlert';
import { FormField } from '../../components/FormField';
import { NewPasswordFields } from '../../components/NewPasswordFields';
import { StatusMessage } from '../../components/StatusMessage';
import { SubmitButton } from '../../components/SubmitButton';
import { changePasswordFormSchema, type ChangePasswordFormInput, type ChangePasswordFormValues } from './change-password-form-schema';

const emptyForm = { currentPassword: '', newPassword: '', confirmPassword: '' };

export function ChangePasswordForm() {
  const { t } = useTranslation(['account', 'common']);
  const api = useApi();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [changed, setChanged] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<ChangePasswordFormInput, unknown, ChangePasswordFormValues>({
    resolver: formResolver(changePasswordFormSchema),
    defaultValues: emptyForm,
  });

  const onSubmit = handleSubmit(async ({ currentPassword, newPassword }) => {
    setProblem(null);
    setChanged(null);
    try {
      await api['session.changePassword']({ currentPassword, newPassword });
      reset(emptyForm);
      setChanged(t('changePasswordForm.changed'));
    } catch (error) {
      setProblem(reportCallError(error, setError, { currentPassword: 'currentPassword', newPassword: 'newPassword' }));
    }
  });

  return (
    <section className="card account-password" aria-labelledby="change-password-heading">
      <h2 id="change-password-heading">{t('changePasswordForm.changeYourPassword')}</h2>
      <FormAlert problem={problem} />
      <form noValidate aria-busy={isSubmitting} onSubmit={(event) => void onSubmit(event)}>
        <FormField
          label={t('changePasswordForm.currentPassword')}
          type="password"
          autoComplete="current-password"
          registration={register('currentPassword')}
          error={errors.currentPassword?.message}
        />
        <NewPasswordFields
          password={register('newPassword')}
          confirmation={register('confirmPassword')}
          errors={{ password: errors.newPassword?.message, confirmation: errors.confirmPassword?.message }}
        />
        <div className="form-actions">
          <SubmitButton busy={isSubmitting}>{t('changePasswordForm.changePassword')}</SubmitButton>
        </div>
      </form>
      <StatusMessage tone="success">{changed}</StatusMessage>
    </section>
  );
}
