import { z } from 'zod';

/** The languages the staff UI is written in (the patient-facing texts have their own catalogue). */
export const staffLanguages = ['en', 'es'] as const;
export type StaffLanguage = (typeof staffLanguages)[number];

/** `system` follows the operating system's light or dark setting. */
export const themeChoices = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof themeChoices)[number];

/**
 * How one staff member wants the app to look. `language` is null until they
 * choose, and the app then follows this workstation's last choice or the
 * operating system's language.
 */
export interface StaffPreferences {
  language: StaffLanguage | null;
  theme: ThemeChoice;
}

export const defaultStaffPreferences: StaffPreferences = { language: null, theme: 'system' };

export const staffLanguageSchema = z.enum(staffLanguages);
export const themeChoiceSchema = z.enum(themeChoices);

export const staffPreferencesChangeSchema = z
  .object({ language: staffLanguageSchema.optional(), theme: themeChoiceSchema.optional() })
  .strict()
  .refine((change) => change.language !== undefined || change.theme !== undefined, 'Choose a language or a theme.');

/** The closest staff language to a BCP 47 tag such as "es-MX" or "en-US"; English otherwise. */
export function staffLanguageFor(tag: string | null | undefined): StaffLanguage {
  const primary = (tag ?? '').toLowerCase().split(/[-_]/)[0];
  return (staffLanguages as readonly string[]).includes(primary ?? '') ? (primary as StaffLanguage) : 'en';
}

/** Reads a stored value leniently: anything unknown (a newer version's choice, a damaged row) falls back to the defaults. */
export function parseStaffPreferences(value: unknown): StaffPreferences {
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const language = staffLanguageSchema.safeParse(record['language']);
  const theme = themeChoiceSchema.safeParse(record['theme']);
  return {
    language: language.success ? language.data : defaultStaffPreferences.language,
    theme: theme.success ? theme.data : defaultStaffPreferences.theme,
  };
}
