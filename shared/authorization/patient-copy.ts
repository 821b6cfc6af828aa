/**
 * How the patient got their copy of a signed authorization. HIPAA requires
 * that the patient be given a copy of a signed authorization (45 CFR
 * 164.508(c)(4)); the record says how, when and by whom, or that the
 * patient declined it.
 */
export const patientCopyMethods = ['printed', 'saved', 'declined'] as const;
export type PatientCopyMethod = (typeof patientCopyMethods)[number];

export interface PatientCopyRecord {
  method: PatientCopyMethod;
  recordedAt: string;
  recordedBy: { staffId: string; displayName: string };
}

export const patientCopyLabels: Record<PatientCopyMethod, string> = {
  printed: 'Printed for the patient',
  saved: 'Saved as a PDF for the patient',
  declined: 'The patient declined a copy',
};
