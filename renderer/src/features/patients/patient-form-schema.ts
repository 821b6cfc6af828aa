import type { z } from 'zod';
import { patientFieldsSchema, type Patient } from '../../../../shared/patients';

/** The patient form checks exactly what `patients.create` and `patients.update` check. */
export const patientFormSchema = patientFieldsSchema;
export type PatientFormInput = z.input<typeof patientFormSchema>;
export type PatientFormValues = z.output<typeof patientFormSchema>;

export const emptyPatientForm: PatientFormInput = {
  firstName: '',
  lastName: '',
  dateOfBirth: '',
  recordNumber: '',
  phone: '',
  email: '',
  city: '',
};

export function patientFormValuesOf(patient: Patient): PatientFormInput {
  return {
    firstName: patient.firstName,
    lastName: patient.lastName,
    dateOfBirth: patient.dateOfBirth,
    recordNumber: patient.recordNumber ?? '',
    phone: patient.phone ?? '',
    email: patient.email ?? '',
    city: patient.city ?? '',
  };
}

/** The backend names fields by the call's input; they are the form's own names. */
export const patientFieldOf = {
  firstName: 'firstName',
  lastName: 'lastName',
  dateOfBirth: 'dateOfBirth',
  recordNumber: 'recordNumber',
  phone: 'phone',
  email: 'email',
  city: 'city',
} as const;
