import { useTranslation } from 'react-i18next';
import { formResolver } from '../../components/form-resolver';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useApi } from '../../api/api-context';
import { reportCallError, type FormProblem } from '../../components/call-error';
import { Dialog } from '../../components/Dialog';
import { FormAlert } from '../../components/FormAlert';
import { NewPasswordFields } from '../../components/NewPasswordFields';
import { SubmitButton } from '../../components/SubmitButton';
import type { StaffDialogProps } from './staff-action';
import { newPasswordFormSchema, type NewPasswordFormInput, type NewPasswordFormValues } from './staff-form-schemas';

export function ResetPasswordDialog({ member, onDone, onClose }: StaffDialogProps) {
  const { t } = useTranslation(['staff', 'common']);
  const api = useApi();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<NewPasswordFormInput, unknown, NewPasswordFormValues>({
    resolver: formResolver(newPasswordFormSchema),
    defaultValues: { password: '', confirmPassword: '' },
  });

  return (
    <Dialog title={t('resetPasswordDialog.title', { name: member.displayName })} onClose={onClose}>
      {(close) => {
        const onSubmit = handleSubmit(async ({ password }) => {
          setProblem(null);
          try {
            await api['staff.resetPassword']({ id: member.id, password });
            onDone(t('resetPasswordDialog.reset', { name: member.displayName }));
            close();
          } catch (error) {
            setProblem(reportCallError(error, setError, { password: 'password' }));
          }
        });
        return (
          <form noValidate aria-busy={isSubmitting} onSubmit={(event) => void onSubmit(event)}>
            <p>{t('resetPasswordDialog.chooseANewPasswordFor')} {member.displayName} ({member.username}{t('resetPasswordDialog.theirOldPasswordStopsWorking')}</p>
            <FormAlert problem={problem} />
            <NewPasswordFields
              hintSuffix={t('resetPasswordDialog.givePrivately')}
              password={register('password')}
              confirmation={register('confirmPassword')}
              errors={{ password: errors.password?.message, confirmation: errors.confirmPassword?.message }}
            />
            <div className="dialog-actions">
              <button type="button" className="button button-secondary" onClick={close}>
                {t('resetPasswordDialog.cancel')}
              </button>
              <SubmitButton busy={isSubmitting}>{t('resetPasswordDialog.resetPassword')}</SubmitButton>
            </div>
          </form>
        );
      }}
    </Dialog>
  );
}
