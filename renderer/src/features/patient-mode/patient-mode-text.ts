import type { Language } from '../../../../shared/authorization/scope';
import { perLanguage } from '../../../../shared/patient-language';
import type { PatientModeText } from '../../../../shared/patient-language/patient-language';

export type { PatientModeText } from '../../../../shared/patient-language/patient-language';

/** The words of patient mode around the document, in the language the authorization is written in (from the patient-facing catalogue). */
export const patientModeText: Record<Language, PatientModeText> = perLanguage((l) => l.patientMode);
