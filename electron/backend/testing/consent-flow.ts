import type { PatientFields } from '../../../shared/patients';

/** The signing flow through the contract (lives in consents/signing-flow.ts, which the demo store uses too). */
export { patientSignature, signAuthorization, textHashOf } from '../consents/signing-flow';

export const samplePatient: PatientFields = {
  firstName: 'Maria',
  lastName: 'Lopez',
  dateOfBirth: '1984-05-17',
  recordNumber: 'MRN-20417',
  phone: '(555) 201-3344',
  email: 'maria.lopez@example.com',
  city: 'Springfield',
};
