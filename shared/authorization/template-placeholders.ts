/**
 * The `{{name}}` slots a wording may use, and what fills each one. The
 * wording rules refuse any other name (a typo would print as typed).
 */
export const placeholderMeanings = {
  practice: 'the practice’s name',
  patient: 'the patient’s name',
  information: 'the list of information that may be used',
  recipients: 'the list of places where it may appear',
  purposes: 'the list of purposes',
  lastDay: 'the last day the authorization is in effect',
  date: 'the expiration date (the first day it is no longer in effect)',
  event: 'the event that ends the authorization',
  payer: 'the third party that pays for the marketing',
  representative: 'the name of the personal representative',
  authority: 'the representative’s authority to act for the patient',
  revocationContact: 'the practice’s address (and email) for revocations',
} as const;
export type Placeholder = keyof typeof placeholderMeanings;

/** Placeholders that stand for a list, printed as bullets where the placeholder is. */
export const listPlaceholders = ['information', 'recipients', 'purposes'] as const satisfies readonly Placeholder[];

export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)].map((m) => m[1]!);
}
