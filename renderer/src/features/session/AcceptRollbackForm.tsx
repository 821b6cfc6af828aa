import { zodResolver } from '@hookform/resolvers/zod';
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
    resolver: zodResolver(acceptRollbackFormSchema),
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
      <PageHeading>Accept an older copy of the store</PageHeading>
      <p className="sign-in-notice sign-in-notice-locked">{refusal}</p>
      <p className="lead">
        Do this only if the older copy was put back on purpose. Everything recorded after that copy was made is not in it. Your name, the reason
        and what was older are kept in the audit trail, and every administrator sees an alert. If you did not put it back, do not accept it:
        restore the newest good backup instead.
      </p>
      <FormAlert problem={problem} />
      <form noValidate aria-busy={isSubmitting} onSubmit={(event) => void onSubmit(event)}>
        <FormField
          label="Administrator username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          registration={register('username')}
          error={errors.username?.message}
        />
        <FormField
          label="Administrator password"
          type="password"
          autoComplete="current-password"
          hint="Your own password: only an administrator can accept an older store."
          registration={register('password')}
          error={errors.password?.message}
        />
        <TextAreaField
          label="Why is the older copy the right one?"
          hint="For the audit trail, for example: “We restored Monday’s copy after the disk failed.”"
          registration={register('reason')}
          error={errors.reason?.message}
        />
        <div className="form-actions">
          <SubmitButton busy={isSubmitting}>Accept the older store and sign in</SubmitButton>
          <button type="button" className="button button-secondary" onClick={onBack}>
            Back to sign in
          </button>
        </div>
      </form>
    </>
  );
}
