import type { PatientLanguageCode } from '../patient-language';
import { en } from './en';
import { es } from './es';
import type { ProgramLanguage } from './program-language';

/**
 * The compliance program's words per language. Typed by the patient
 * catalogue's languages: a language patients can read an authorization in
 * must have its policy, quiz and letters here too, or this does not compile.
 */
export const programLanguages: Record<PatientLanguageCode, ProgramLanguage> = { en, es };

export type { ProgramLanguage, QuizQuestion, PolicySectionKey, PolicyTextShape } from './program-language';
export { policySectionKeys } from './program-language';
