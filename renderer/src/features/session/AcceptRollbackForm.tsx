import { useTranslation } from 'react-i18next';
import { formResolver } from '../../components/form-resolver';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useApi } from '../../api/api-context';
import { reportCallError, type FormProblem } from '../../components/call-error';
import { FormAlert } from '../../components/FormAlert';
import { FormField } from '../../components/FormField';
import { PageHeading } from '../../components/PageHeading';
import { SubmitButton } from '../../components/SubmitButton';
import { TextAreaField } from '../../components/TextAreaField';
import { useAppState } from './app-state-context';
import { acceptRollbackFormSchema, type AcceptRollbackFormInput, type AcceptRollbackFormValues } from './sign-in-form-schemas';
import './sign-in.css';

/**
 * The store was refused because it is older than the one last seen (a copy
 * put back). When that was deliberate (a restore from a copy, not from a
 * backup), an administrator accepts it here with their password and a
 * reason: `store.acceptRollback` records both in the audit trail, and every
 * administrator then sees an alert until it is dealt with.
 */
export function AcceptRollbackForm({ refusal, username, onBack }: { refusal: string; username: string; onBack: () => void }) {
  const { t } = useTranslation(['session', 'common']);
  const api = useApi();
  const { applyState } = useAppState();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    resetField,
    formState: { errors, isSubmitting },
  } = useForm<AcceptRollbackFormInput, unknown, AcceptRollbackFormValues>({
    resolver: formResolver(acceptRollbackFormSchema),
    defaultValues: { username, password: '', reason: '' },
  });

  const onSubmit = handleSubmit(async (values) => {
    setProblem(null);
    try {
      applyState(await api['store.acceptRollback'](values));
    } catch (error) {
      resetField('password');
      setProblem(reportCallError(error, setError, { username: 'username', password: 'password', reason: 'reason' }));
    }
  });

  return (
    <>
      <PageHeading>{t('acceptRollbackForm.acceptAnOlderCopyOf')}</PageHeading>
      <p className="sign-in-notice sign-in-notice-locked">{refusal}</p>
      <p className="lead">
        {t('acceptRollbackForm.doThisOnlyIfThe')}
      </p>
      <FormAlert problem={problem} />
      <form noValidate aria-busy={isSubmitting} onSubmit={(event) => void onSubmit(event)}>
        <FormField
          label={t('acceptRollbackForm.administratorUsername')}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          registration={register('username')}
          error={errors.username?.message}
        />
        <FormField
          label={t('acceptRollbackForm.administratorPassword')}
          type="password"
          autoComplete="current-password"
          hint={t('acceptRollbackForm.yourOwnPasswordOnlyAn')}
          registration={register('password')}
          error={errors.password?.message}
        />
        <TextAreaField
          label={t('acceptRollbackForm.whyIsTheOlderCopy')}
          hint={t('acceptRollbackForm.forTheAuditTrailFor')}
          registration={register('reason')}
          error={errors.reason?.message}
        />
        <div className="form-actions">
          <SubmitButton busy={isSubmitting}>{t('acceptRollbackForm.acceptTheOlderStoreAnd')}</SubmitButton>
          <button type="button" className="button button-secondary" onClick={onBack}>
            {t('acceptRollbackForm.backToSignIn')}
          </button>
        </div>
      </form>
    </>
  );
}
