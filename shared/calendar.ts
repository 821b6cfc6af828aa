// Subpath imports: the package's index pulls in hundreds of modules, which
// costs the command line about a second at every start.
import { addDays } from 'date-fns/addDays';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { format } from 'date-fns/format';
import { isValid } from 'date-fns/isValid';
import { parseISO } from 'date-fns/parseISO';
import type { Language } from './authorization/scope';
import { patientLanguages } from './patient-language';

/**
 * Days as `YYYY-MM-DD` strings, the way records store them. Rules take
 * `today` as an argument; only the shells read the clock.
 */
export type Day = string;

/** The local calendar day of an instant (a practice works in its own time zone). */
export function dayOf(instant: Date): Day {
  return format(instant, 'yyyy-MM-dd');
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
