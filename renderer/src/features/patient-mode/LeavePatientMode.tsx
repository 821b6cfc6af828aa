import { formResolver } from '../../components/form-resolver';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { contract } from '../../../../shared/contract';
import { useApi } from '../../api/api-context';
import { reportCallError, type FormProblem } from '../../components/call-error';
import { Dialog } from '../../components/Dialog';
import { FormAlert } from '../../components/FormAlert';
import { FormField } from '../../components/FormField';
import { SubmitButton } from '../../components/SubmitButton';
import { goToPatients } from '../patients/patients-route';
import { useAppState } from '../session/app-state-context';
import '../../components/buttons.css';

const leaveFormSchema = contract['session.exitPatientMode'].input;
type LeaveFormInput = z.input<typeof leaveFormSchema>;
type LeaveFormValues = z.output<typeof leaveFormSchema>;

/**
 * Staff take the screen back without finishing: only with the signed-in
 * staff member's password. The app then opens `returnTo` (the draft, or the
 * signed authorization awaiting its witness), whatever the address became meanwhile.
 */
export function LeavePatientMode({ returnTo }: { returnTo: string }) {
  const { t } = useTranslation('consents');
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button button-secondary" onClick={() => setOpen(true)}>
        {t('patientModeStaff.leavePatientMode')}
      </button>
      {open ? <LeaveDialog returnTo={returnTo} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function LeaveDialog({ returnTo, onClose }: { returnTo: string; onClose: () => void }) {
  const api = useApi();
  const { t } = useTranslation('consents');
  const { applyState } = useAppState();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<LeaveFormInput, unknown, LeaveFormValues>({
    resolver: formResolver(leaveFormSchema),
    defaultValues: { password: '' },
  });
  const onSubmit = handleSubmit(async (values) => {
    setProblem(null);
    try {
      const state = await api['session.exitPatientMode'](values);
      goToPatients(returnTo);
      applyState(state);
    } catch (error) {
      setProblem(reportCallError(error, setError, { password: 'password' }));
    }
  });
  return (
    <Dialog title={t('patientModeStaff.leavePatientMode')} onClose={onClose}>
      {(close) => (
        <form noValidate aria-busy={isSubmitting} onSubmit={(event) => void onSubmit(event)}>
          <p className="dialog-note">
            {t('patientModeStaff.staffOnlyEnterPassword')}
          </p>
          <FormAlert problem={problem} />
          <FormField label={t('patientModeStaff.staffPassword')} type="password" autoComplete="current-password" registration={register('password')} error={errors.password?.message} />
          <div className="dialog-actions">
            <button type="button" className="button button-secondary" onClick={close}>
              {t('patientModeStaff.stayInPatientMode')}
            </button>
            <SubmitButton busy={isSubmitting}>{t('patientModeStaff.leavePatientMode')}</SubmitButton>
          </div>
        </form>
      )}
    </Dialog>
  );
}
