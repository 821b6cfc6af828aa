import { useTranslation } from 'react-i18next';
import { formResolver } from '../../components/form-resolver';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { AppError } from '../../../../shared/errors';
import { patientName, type Patient } from '../../../../shared/patients';
import { useApi } from '../../api/api-context';
import { reportCallError, type FormProblem } from '../../components/call-error';
import { Dialog } from '../../components/Dialog';
import { FormAlert } from '../../components/FormAlert';
import { StatusMessage } from '../../components/StatusMessage';
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
  /** The patient to correct; none to add a new one. With its rowVersion (as `patients.get` answers), a save over a newer change is refused. */
  patient?: Patient & { rowVersion?: number };
  onSaved: (patient: Patient) => void;
  onClose: () => void;
  /** Said politely inside the dialog (the record changed elsewhere while it is open); the form is left as typed. */
  notice?: string | null;
}

/** Add a patient, or correct one's details: the minimum needed to tell patients apart and reach them. */
export function PatientFormDialog({ patient, onSaved, onClose, notice = null }: PatientFormDialogProps) {
  const { t } = useTranslation(['patients', 'common']);
  const api = useApi();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  // The version the form's values came from, kept as opened: a change made elsewhere meanwhile makes the save a conflict, not an overwrite.
  const [readVersion] = useState(patient?.rowVersion);
  /** A likely duplicate the backend found: who it is, and the values to add anyway. */
  const [duplicate, setDuplicate] = useState<{ who: string; values: PatientFormValues } | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<PatientFormInput, unknown, PatientFormValues>({
    resolver: formResolver(patientFormSchema),
    defaultValues: patient ? patientFormValuesOf(patient) : emptyPatientForm,
  });

  return (
    <Dialog title={patient ? t('patientFormDialog.editDetailsOf', { name: patientName(patient) }) : t('patientFormDialog.addAPatient')} onClose={onClose}>
      {(close) => {
        const save = async (values: PatientFormValues, allowDuplicate: boolean) => {
          setProblem(null);
          try {
            const saved = patient ? await api['patients.update']({ ...values, id: patient.id, rowVersion: readVersion }) : await api['patients.create']({ ...values, allowDuplicate });
            onSaved(saved);
            close();
          } catch (error) {
            const found = error instanceof AppError ? error.issues?.find((i) => i.path === 'allowDuplicate') : undefined;
            if (found) setDuplicate({ who: found.message, values });
            else setProblem(reportCallError(error, setError, patientFieldOf));
          }
        };
        const onSubmit = handleSubmit((values) => save(values, false));
        if (duplicate) {
          return (
            <div className="duplicate-check" role="group" aria-labelledby="duplicate-title" aria-describedby="duplicate-who">
              <h3 id="duplicate-title">{t('patientFormDialog.duplicateTitle')}</h3>
              <p id="duplicate-who">
                {t('patientFormDialog.duplicateExplained', { who: duplicate.who })}
              </p>
              <FormAlert problem={problem} />
              <div className="dialog-actions">
                <button type="button" className="button button-secondary" autoFocus onClick={() => setDuplicate(null)}>
                  {t('patientFormDialog.goBackAndCheck')}
                </button>
                <button type="button" className="button button-primary" onClick={() => void save(duplicate.values, true)}>
                  {t('patientFormDialog.addAsADifferentPatient')}
                </button>
              </div>
            </div>
          );
        }
        return (
          <form noValidate aria-busy={isSubmitting} onSubmit={(event) => void onSubmit(event)}>
            <StatusMessage tone="info">{notice}</StatusMessage>
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
