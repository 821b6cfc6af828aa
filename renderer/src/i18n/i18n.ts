import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { staffLanguageFor, staffLanguages, type StaffLanguage } from '../../../shared/staff-preferences';
import { resources } from './resources';

/**
 * The staff UI's one translation instance. Catalogues are bundled (the app
 * never loads anything from the network), so initialisation is synchronous
 * and the first render is already in the right language.
 */
export const i18n = i18next.createInstance();

/**
 * A key made at run time from a rule's code or kind ("posts:disclosures.age"):
 * typed loosely here, checked by the tests of each caller against every code
 * and against the English rule.
 */
export const translateKey = (key: string, values: Record<string, unknown> = {}): string =>
  (i18n.t as unknown as (key: string, values?: Record<string, unknown>) => string)(key, values);

const workstationKey = 'consent-desk.language';

/** The sign-in screen's language: this workstation's last choice, else the operating system's. */
export function workstationLanguage(): StaffLanguage {
  try {
    const stored = globalThis.localStorage?.getItem(workstationKey);
    if (stored && (staffLanguages as readonly string[]).includes(stored)) return stored as StaffLanguage;
  } catch {
    // Storage refused (a locked-down profile): the operating system decides.
  }
  return staffLanguageFor(globalThis.navigator?.language);
}

void i18n.use(initReactI18next).init({
  resources,
  lng: workstationLanguage(),
  fallbackLng: 'en',
  supportedLngs: [...staffLanguages],
  defaultNS: 'common',
  ns: Object.keys(resources.en),
  initAsync: false,
  // React escapes what it renders; escaping here would show "&amp;".
  interpolation: { escapeValue: false },
  returnNull: false,
});

// Absent when the formatters run in unit tests (Node).
if (globalThis.document) document.documentElement.lang = i18n.language;

/** Switch the whole UI (and the page's lang attribute, for screen readers) and remember it on this workstation. */
export function applyLanguage(language: StaffLanguage): void {
  try {
    globalThis.localStorage?.setItem(workstationKey, language);
  } catch {
    // Not remembered on this workstation; the staff member's own choice still is.
  }
  if (globalThis.document) document.documentElement.lang = language;
  if (i18n.language !== language) void i18n.changeLanguage(language);
}

export function currentLanguage(): StaffLanguage {
  return staffLanguageFor(i18n.language);
}
