import { formatDay, type Day } from '../../../../shared/calendar';
import { practiceToday, showPracticeDayOf } from '../session/practice-time-zone';

/** "June 30, 2027" for a day (YYYY-MM-DD). */
export function showDay(day: Day): string {
  return formatDay(day, 'en');
}

/** The practice's calendar day of an instant, written out. */
export function showDayOf(instant: string): string {
  return showPracticeDayOf(instant);
}

/** Today on the practice's calendar, as YYYY-MM-DD. */
export function today(): Day {
  return practiceToday();
}
