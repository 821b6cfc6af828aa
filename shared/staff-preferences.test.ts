import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseStaffPreferences, staffLanguageFor, staffPreferencesChangeSchema } from './staff-preferences';

describe('staff preferences', () => {
  it('maps operating-system locales to a staff language', () => {
    expect(staffLanguageFor('es-MX')).toBe('es');
    expect(staffLanguageFor('ES')).toBe('es');
    expect(staffLanguageFor('en-GB')).toBe('en');
    expect(staffLanguageFor('fr-FR')).toBe('en');
    expect(staffLanguageFor(undefined)).toBe('en');
  });

  it('refuses an empty change and unknown fields', () => {
    expect(staffPreferencesChangeSchema.safeParse({}).success).toBe(false);
    expect(staffPreferencesChangeSchema.safeParse({ language: 'fr' }).success).toBe(false);
    expect(staffPreferencesChangeSchema.safeParse({ theme: 'dark', colour: 'red' }).success).toBe(false);
    expect(staffPreferencesChangeSchema.parse({ theme: 'dark' })).toEqual({ theme: 'dark' });
  });

  it('reads any stored value without throwing, keeping only known choices', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const read = parseStaffPreferences(value);
        expect([null, 'en', 'es']).toContain(read.language);
        expect(['system', 'light', 'dark']).toContain(read.theme);
      }),
    );
    expect(parseStaffPreferences({ language: 'es', theme: 'dark' })).toEqual({ language: 'es', theme: 'dark' });
  });
});
