import { dayOf, type Day } from '../../../shared/calendar';
import type { StaffLanguage } from '../../../shared/staff-preferences';
import { practiceTimeZone } from '../features/session/practice-time-zone';
import { currentLanguage } from './i18n';

/**
 * The one place the staff UI turns days, instants and numbers into text:
 * Intl in the staff member's language, every instant on the practice's clock
 * (whatever zone this workstation is set to). A test keeps other files from
 * formatting dates themselves, so a sentence never mixes two styles.
 */
const locales: Record<StaffLanguage, string> = { en: 'en-US', es: 'es-US' };

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function dateFormat(options: Intl.DateTimeFormatOptions, language: StaffLanguage): Intl.DateTimeFormat {
  const key = `d|${language}|${JSON.stringify(options)}`;
  let format = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!format) {
    format = new Intl.DateTimeFormat(locales[language], options);
    cache.set(key, format);
  }
  return format;
}
function numberFormat(options: Intl.NumberFormatOptions, language: StaffLanguage): Intl.NumberFormat {
  const key = `n|${language}|${JSON.stringify(options)}`;
  let format = cache.get(key) as Intl.NumberFormat | undefined;
  if (!format) {
    format = new Intl.NumberFormat(locales[language], options);
    cache.set(key, format);
  }
  return format;
}

/** "March 12, 2027" / "12 de marzo de 2027": a day as records store it (YYYY-MM-DD). */
export function formatDay(day: Day, language = currentLanguage()): string {
  // Noon UTC of that day, written in UTC: the same calendar day in every zone.
  const instant = new Date(`${day}T12:00:00Z`);
  if (Number.isNaN(instant.getTime())) return day;
  return dateFormat({ dateStyle: 'long', timeZone: 'UTC' }, language).format(instant);
}

/** The practice's calendar day of an instant the backend stored in UTC, written out. */
export function formatDayOf(instant: string, language = currentLanguage()): string {
  return formatDay(dayOf(new Date(instant), practiceTimeZone()), language);
}

/** "March 12, 2027 at 9:30 AM" / "12 de marzo de 2027, 9:30 a. m.": an instant on the practice's clock. */
export function formatMoment(instant: string | Date, language = currentLanguage()): string {
  return dateFormat({ dateStyle: 'long', timeStyle: 'short', timeZone: practiceTimeZone() }, language).format(new Date(instant));
}

/** Down to the second, for the audit trail: "Mar 12, 2027, 9:30:05 AM". */
export function formatPreciseMoment(instant: string | Date, language = currentLanguage()): string {
  return dateFormat({ dateStyle: 'medium', timeStyle: 'medium', timeZone: practiceTimeZone() }, language).format(new Date(instant));
}

/** "9:30 AM": the practice's clock time of an instant. */
export function formatTime(instant: string | Date, language = currentLanguage()): string {
  return dateFormat({ timeStyle: 'short', timeZone: practiceTimeZone() }, language).format(new Date(instant));
}

/** "1,234" / "1234": counts in sentences. */
export function formatNumber(n: number, language = currentLanguage()): string {
  return numberFormat({}, language).format(n);
}

/** "143 kB", "2.4 MB": a file's size for people. */
export function formatBytes(bytes: number, language = currentLanguage()): string {
  if (bytes < 1000) return numberFormat({ style: 'unit', unit: 'byte', unitDisplay: 'long' }, language).format(bytes);
  const units = ['kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return numberFormat({ style: 'unit', unit: units[unit], maximumFractionDigits: value >= 100 ? 0 : 1, minimumFractionDigits: value >= 100 ? 0 : 1 }, language).format(value);
}
