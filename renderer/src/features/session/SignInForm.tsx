import { useTranslation } from 'react-i18next';
import { formResolver } from '../../components/form-resolver';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { AppError } from '../../../../shared/errors';
import { useApi } from '../../api/api-context';
import { reportCallError, type FormProblem } from '../../components/call-error';
import { FormAlert } from '../../components/FormAlert';
import { FormField } from '../../components/FormField';
import { PageHeading } from '../../components/PageHeading';
import { SubmitButton } from '../../components/SubmitButton';
import { useAppState } from './app-state-context';
import { lockNoticeText } from './lock-notice-text';
import { signInFormSchema, type SignInFormInput, type SignInFormValues } from './sign-in-form-schemas';
import './sign-in.css';

/** A sign-in refused because the store is older than the one last seen: what was said, and who tried. */
export interface RolledBackRefusal {
  message: string;
  username: string;
}

export function SignInForm({ onUseRecoveryKey, onAcceptRollback }: { onUseRecoveryKey: () => void; onAcceptRollback: (refusal: RolledBackRefusal) => void }) {
  const { t } = useTranslation(['session', 'common']);
  const api = useApi();
  const { state, lockNotice, applyState } = useAppState();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [rolledBack, setRolledBack] = useState<RolledBackRefusal | null>(null);
  const notice = lockNoticeText(state, lockNotice);
  const {
    register,
    handleSubmit,
    setError,
    resetField,
    formState: { errors, isSubmitting },
  } = useForm<SignInFormInput, unknown, SignInFormValues>({
    resolver: formResolver(signInFormSchema),
    defaultValues: { username: state.lockedUsername ?? '', password: '' },
  });

  const onSubmit = handleSubmit(async (values) => {
    setProblem(null);
    setRolledBack(null);
    try {
      applyState(await api['session.signIn'](values));
    } catch (error) {
      // A wrong password is not kept around for the next attempt.
      resetField('password');
      setProblem(reportCallError(error, setError, { username: 'username', password: 'password' }));
      if (error instanceof AppError && error.code === 'store_rolled_back') setRolledBack({ message: error.message, username: values.username });
    }
  });

  return (
    <>
      <PageHeading>{t('signInForm.signIn')}</PageHeading>
      {notice ? <p className={state.phase === 'locked' ? 'sign-in-notice sign-in-notice-locked' : 'sign-in-notice'}>{notice}</p> : null}
      <FormAlert problem={problem} />
      {rolledBack ? (
        <p className="sign-in-rollback">
          {t('signInForm.ifThisOlderCopyWas')}{' '}
          <button type="button" className="button button-secondary" onClick={() => onAcceptRollback(rolledBack)}>
            {t('signInForm.acceptThisOlderStore')}
          </button>
        </p>
      ) : null}
      <form noValidate aria-busy={isSubmitting} onSubmit={(event) => void onSubmit(event)}>
        <FormField
          label={t('signInForm.username')}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          registration={register('username')}
          error={errors.username?.message}
        />
        <FormField label={t('signInForm.password')} type="password" autoComplete="current-password" registration={register('password')} error={errors.password?.message} />
        <div className="form-actions">
          <SubmitButton busy={isSubmitting}>{t('signInForm.signIn')}</SubmitButton>
        </div>
      </form>
      <p className="sign-in-recovery">
        {t('signInForm.forgotTheAdministratorPassword')}{' '}
        <button type="button" className="button-link" onClick={onUseRecoveryKey}>
          {t('signInForm.useTheRecoveryKey')}
        </button>
      </p>
    </>
  );
}
