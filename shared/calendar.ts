// Subpath imports: the package's index pulls in hundreds of modules, which
// costs the command line about a second at every start.
import { addDays } from 'date-fns/addDays';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { format } from 'date-fns/format';
import { isValid } from 'date-fns/isValid';
import { parseISO } from 'date-fns/parseISO';
import { TZDate } from '@date-fns/tz';
import type { Language } from './authorization/scope';
import { patientLanguages } from './patient-language';

/**
 * Days as `YYYY-MM-DD` strings, the way records store them. Rules take
 * `today` as an argument; only the shells read the clock.
 */
export type Day = string;

/**
 * The practice's calendar day of an instant, in its time zone (an IANA name
 * such as "America/Los_Angeles"). Never the process's own zone: the store,
 * the CLI and a workstation set to another zone must all read the same day.
 */
export function dayOf(instant: Date, timeZone: string): Day {
  return dayFormatter(timeZone).format(instant);
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function dayFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // en-CA writes days as YYYY-MM-DD.
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The instant a day begins in a time zone (local midnight; a 23- or 25-hour day around daylight saving). */
export function startOfDayIn(day: Day, timeZone: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, timeZone).getTime());
}

/** Whether a name is a time zone this runtime knows (IANA, such as "Pacific/Auckland", or "UTC"). */
export function isTimeZone(value: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** The zone this computer is set to: the default for a new practice. */
export function workstationTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** The time zones to choose from, the workstation's first if the runtime cannot list them. */
export function knownTimeZones(): string[] {
  const listed = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const all = new Set([...listed, 'UTC', workstationTimeZone()]);
  return [...all].sort();
}

/**
 * Date arithmetic and formatting take tens of microseconds a call, and the
 * coverage check asks the same few questions for thousands of posts: keep
 * the answers (a few thousand distinct days at most; emptied if it grows).
 */
function remembered<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  const cache = new Map<string, R>();
  return (...args) => {
    const key = args.join('\u0000');
    let value = cache.get(key);
    if (value === undefined) {
      if (cache.size > 10_000) cache.clear();
      value = fn(...args);
      cache.set(key, value);
    }
    return value;
  };
}

export const addDaysTo: (day: Day, days: number) => Day = remembered((day: Day, days: number) =>
  format(addDays(parseISO(day), days), 'yyyy-MM-dd'),
);

/** Whole days from one day to another (1 when `to` is the next day). */
export function daysBetween(from: Day, to: Day): number {
  return differenceInCalendarDays(parseISO(to), parseISO(from));
}

export function isDay(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && isValid(parseISO(value));
}

/** "March 12, 2027" / "12 de marzo de 2027". */
export const formatDay: (day: Day, language: Language) => string = remembered((day: Day, language: Language) => {
  const { locale, pattern } = patientLanguages[language].dates;
  return format(parseISO(day), pattern, { locale });
});
