import { dayOf, formatDay, type Day } from '../../../../shared/calendar';

/** "June 30, 2027" for a day (YYYY-MM-DD). */
export function showDay(day: Day): string {
  return formatDay(day, 'en');
}

/** The practice's calendar day of an instant, written out. */
export function showDayOf(instant: string): string {
  return formatDay(dayOf(new Date(instant)), 'en');
}

/** Today on this workstation's calendar, as YYYY-MM-DD. */
export function today(): Day {
  return dayOf(new Date());
}
