/**
 * The codes of the languages a patient can read an authorization in, with
 * nothing else: for code that must name them without loading every
 * catalogue (the CLI's help). index.ts checks that its table has exactly these.
 */
export const patientLanguageCodes = ['en', 'es'] as const;
