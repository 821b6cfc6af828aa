import { useTranslation } from 'react-i18next';
import { formResolver } from '../../components/form-resolver';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import type { AuthorizationDetail } from '../../../../shared/authorization/record';
import { contract } from '../../../../shared/contract';
import { useApi } from '../../api/api-context';
import { reportCallError, type FormProblem } from '../../components/call-error';
import { FormAlert } from '../../components/FormAlert';
import { FormField } from '../../components/FormField';
import { SubmitButton } from '../../components/SubmitButton';
import { useSession } from '../session/app-state-context';
import './consents.css';

const witnessFormSchema = contract['consents.witness'].input.omit({ id: true });
type WitnessFormInput = z.input<typeof witnessFormSchema>;
type WitnessFormValues = z.output<typeof witnessFormSchema>;

/**
 * The signed-in staff member confirms, with their password, that they saw
 * the patient sign: the authorization becomes final and its PDF is signed.
 */
export function WitnessForm({
  authorizationId,
  headingLevel = 2,
  onWitnessed,
}: {
  authorizationId: string;
  headingLevel?: 2 | 3;
  onWitnessed: (final: AuthorizationDetail) => void;
}) {
  const { t } = useTranslation(['consents', 'common']);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const api = useApi();
  const session = useSession();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<WitnessFormInput, unknown, WitnessFormValues>({
    resolver: formResolver(witnessFormSchema),
    defaultValues: { password: '' },
  });

  const onSubmit = handleSubmit(async ({ password }) => {
    setProblem(null);
    try {
      onWitnessed(await api['consents.witness']({ id: authorizationId, password }));
    } catch (error) {
      setProblem(reportCallError(error, setError, { password: 'password' }));
    }
  });

  return (
    <form className="witness-form" aria-labelledby="witness-heading" noValidate aria-busy={isSubmitting} onSubmit={(event) => void onSubmit(event)}>
      <Heading id="witness-heading">{t('witnessForm.staffConfirmAsWitness')}</Heading>
      <p>
        {session.displayName}{t('witnessForm.confirmThatYouSawThe')}
      </p>
      <FormAlert problem={problem} />
      <FormField
        label={t('witnessForm.yourPassword')}
        type="password"
        autoComplete="current-password"
        registration={register('password')}
        error={errors.password?.message}
      />
      <div className="form-actions">
        <SubmitButton busy={isSubmitting}>{t('witnessForm.confirmAsWitness')}</SubmitButton>
      </div>
    </form>
  );
}
