import { useTranslation } from 'react-i18next';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { patientName, type Patient } from '../../../../shared/patients';
import { useApi } from '../../api/api-context';
import { reportCallError, type FormProblem } from '../../components/call-error';
import { Dialog } from '../../components/Dialog';
import { FormAlert } from '../../components/FormAlert';
import { FormField } from '../../components/FormField';
import { SubmitButton } from '../../components/SubmitButton';
import {
  emptyPatientForm,
  patientFieldOf,
  patientFormSchema,
  patientFormValuesOf,
  type PatientFormInput,
  type PatientFormValues,
} from './patient-form-schema';
import './patients.css';

interface PatientFormDialogProps {
  /** The patient to correct; none to add a new one. */
  patient?: Patient;
  onSaved: (patient: Patient) => void;
  onClose: () => void;
}

/** Add a patient, or correct one's details: the minimum needed to tell patients apart and reach them. */
export function PatientFormDialog({ patient, onSaved, onClose }: PatientFormDialogProps) {
  const { t } = useTranslation(['patients', 'common']);
  const api = useApi();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<PatientFormInput, unknown, PatientFormValues>({
    resolver: zodResolver(patientFormSchema),
    defaultValues: patient ? patientFormValuesOf(patient) : emptyPatientForm,
  });

  return (
    <Dialog title={patient ? `Edit ${patientName(patient)}’s details` : t('patientFormDialog.addAPatient')} onClose={onClose}>
      {(close) => {
        const onSubmit = handleSubmit(async (values) => {
          setProblem(null);
          try {
            const saved = patient ? await api['patients.update']({ ...values, id: patient.id }) : await api['patients.create'](values);
            onSaved(saved);
            close();
          } catch (error) {
            setProblem(reportCallError(error, setError, patientFieldOf));
          }
        });
        return (
          <form noValidate aria-busy={isSubmitting} onSubmit={(event) => void onSubmit(event)}>
            <FormAlert problem={problem} />
            <div className="patient-form-fields">
              <FormField label={t('patientFormDialog.firstName')} autoComplete="off" registration={register('firstName')} error={errors.firstName?.message} />
              <FormField label={t('patientFormDialog.lastName')} autoComplete="off" registration={register('lastName')} error={errors.lastName?.message} />
              <FormField
                label={t('patientFormDialog.dateOfBirth')}
                type="date"
                min="1900-01-01"
                registration={register('dateOfBirth')}
                error={errors.dateOfBirth?.message}
              />
              <FormField
                label={t('patientFormDialog.recordNumberOptional')}
                autoComplete="off"
                spellCheck={false}
                hint={t('patientFormDialog.theMedicalRecordNumberIf')}
                registration={register('recordNumber')}
                error={errors.recordNumber?.message}
              />
              <FormField label={t('patientFormDialog.phoneOptional')} type="tel" autoComplete="off" registration={register('phone')} error={errors.phone?.message} />
              <FormField
                label={t('patientFormDialog.emailOptional')}
                type="email"
                autoComplete="off"
                spellCheck={false}
                registration={register('email')}
                error={errors.email?.message}
              />
              <FormField
                label={t('patientFormDialog.cityOptional')}
                autoComplete="off"
                hint={t('patientFormDialog.usedToWarnWhenA')}
                registration={register('city')}
                error={errors.city?.message}
              />
            </div>
            <div className="dialog-actions">
              <button type="button" className="button button-secondary" onClick={close}>
                {t('patientFormDialog.cancel')}
              </button>
              <SubmitButton busy={isSubmitting}>{patient ? t('patientFormDialog.saveDetails') : t('patientFormDialog.addPatient')}</SubmitButton>
            </div>
          </form>
        );
      }}
    </Dialog>
  );
}
