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

/** Enabling needs a new password: disabling removed the account's key slot. */
export function EnableStaffDialog({ member, onDone, onClose }: StaffDialogProps) {
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
    <Dialog title={t('enableStaffDialog.title', { name: member.displayName })} onClose={onClose}>
      {(close) => {
        const onSubmit = handleSubmit(async ({ password }) => {
          setProblem(null);
          try {
            const enabled = await api['staff.enable']({ id: member.id, password });
            onDone(t('enableStaffDialog.enabled', { name: enabled.displayName }));
            close();
          } catch (error) {
            setProblem(reportCallError(error, setError, { password: 'password' }));
          }
        });
        return (
          <form noValidate aria-busy={isSubmitting} onSubmit={(event) => void onSubmit(event)}>
            <p>
              {member.displayName} ({member.username}{t('enableStaffDialog.willBeAbleToSign')}
            </p>
            <FormAlert problem={problem} />
            <NewPasswordFields
              hintSuffix={t('enableStaffDialog.givePrivately')}
              password={register('password')}
              confirmation={register('confirmPassword')}
              errors={{ password: errors.password?.message, confirmation: errors.confirmPassword?.message }}
            />
            <div className="dialog-actions">
              <button type="button" className="button button-secondary" onClick={close}>
                {t('enableStaffDialog.cancel')}
              </button>
              <SubmitButton busy={isSubmitting}>{t('enableStaffDialog.enableAccount')}</SubmitButton>
            </div>
          </form>
        );
      }}
    </Dialog>
  );
}
