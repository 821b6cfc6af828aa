import { describe, expect, it } from 'vitest';
import { setPracticeTimeZone } from '../features/session/practice-time-zone';
import { formatBytes, formatDay, formatDayOf, formatMoment, formatNumber } from './format';

declare global {
  interface ImportMeta {
    glob(pattern: string | string[], options: { query: '?raw'; import: 'default'; eager: true }): Record<string, string>;
  }
}

describe('the one date and number formatter', () => {
  it('writes days in the staff member’s language, the same day in every zone', () => {
    expect(formatDay('2027-03-12', 'en')).toBe('March 12, 2027');
    expect(formatDay('2027-03-12', 'es')).toBe('12 de marzo de 2027');
    expect(formatDay('not a day', 'en')).toBe('not a day');
  });

  it('puts instants on the practice’s clock, not the workstation’s', () => {
    setPracticeTimeZone('America/Los_Angeles');
    // 02:30 UTC on the 13th is still the 12th in California.
    expect(formatDayOf('2027-03-13T02:30:00Z', 'en')).toBe('March 12, 2027');
    expect(formatMoment('2027-03-13T02:30:00Z', 'en')).toMatch(/^March 12, 2027 at 6:30\sPM$/);
    expect(formatMoment('2027-03-13T02:30:00Z', 'es')).toMatch(/^12 de marzo de 2027.* 6:30\sp\.\s?m\.$/);
    setPracticeTimeZone('Pacific/Auckland');
    expect(formatDayOf('2027-03-12T12:30:00Z', 'es')).toBe('13 de marzo de 2027');
  });

  it('writes numbers and sizes in the language', () => {
    expect(formatNumber(12345, 'en')).toBe('12,345');
    expect(formatNumber(12345, 'es')).toMatch(/^12.345$/);
    expect(formatBytes(999, 'en')).toBe('999 bytes');
    expect(formatBytes(2_400_000, 'en')).toBe('2.4 MB');
    expect(formatBytes(2_400_000, 'es')).toMatch(/^2[.,]4 MB$/);
  });
});

describe('dates are formatted in one place', () => {
  const sources = import.meta.glob(['../**/*.ts', '../**/*.tsx', '!../**/*.test.ts', '!../**/*.test.tsx'], { query: '?raw', import: 'default', eager: true });
  it('no other file calls toLocale…String, Intl.DateTimeFormat or shared/calendar’s formatDay', () => {
    const offenders = Object.entries(sources)
      .filter(([file]) => file !== './format.ts')
      .filter(([, text]) => /toLocale(Date|Time)?String\(|Intl\.DateTimeFormat|formatDay\([^)]*,\s*'(en|es)'\)/.test(text))
      .map(([file]) => file);
    expect(offenders).toEqual([]);
    expect(Object.keys(sources).length).toBeGreaterThan(100);
  });
});
