import { en } from './en';
import { es } from './es';
import type { patientLanguageCodes } from './codes';
import type { PatientLanguage, Plural } from './patient-language';

/**
 * The languages a patient can read an authorization in. Adding one means
 * adding its catalogue file next to these and listing it here; every screen,
 * document and rule takes its words from this table.
 */
export const patientLanguages = { en, es } satisfies Record<(typeof patientLanguageCodes)[number], PatientLanguage>;
export type PatientLanguageCode = keyof typeof patientLanguages;

export type { PatientLanguage, Plural } from './patient-language';

/** One value per language, computed from its catalogue. */
export function perLanguage<T>(pick: (language: PatientLanguage) => T): Record<PatientLanguageCode, T> {
  return Object.fromEntries(Object.entries(patientLanguages).map(([code, language]) => [code, pick(language)])) as Record<PatientLanguageCode, T>;
}

/** A message with its `{name}` slots filled; an unknown slot stays visible, so a gap is seen rather than hidden. */
export function fillIn(message: string, values: Record<string, string | number>): string {
  return message.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

const pluralRules = new Map<string, Intl.PluralRules>();

/** The form of a counted phrase the language's plural rules pick for `count`, with `{count}` filled. */
export function plural(language: PatientLanguage, forms: Plural, count: number): string {
  let rules = pluralRules.get(language.locale);
  if (!rules) {
    rules = new Intl.PluralRules(language.locale);
    pluralRules.set(language.locale, rules);
  }
  const category = rules.select(count) as keyof Plural;
  return fillIn(forms[category] ?? forms.other, { count: count.toLocaleString(language.locale) });
}
