import { addDaysTo, formatDay, type Day } from '../../../../shared/calendar';
import { practiceToday, showPracticeDayOf, showPracticeMoment } from '../session/practice-time-zone';

/** "143 kB", "2.4 MB": a file's size for people (the exact count of bytes goes beside it where it matters). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ${units[unit]}`;
}

/** "1,234": counts in sentences. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** "1 post", "9 posts": a count with its noun. */
export function counted(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(n)} ${n === 1 ? singular : plural}`;
}

/** "March 12, 2027": the practice's calendar day of an instant. */
export function showDayOf(instant: string): string {
  return showPracticeDayOf(instant);
}

/** "March 12, 2027 at 9:30 AM": an instant on the practice's clock. */
export function showInstant(instant: string): string {
  return showPracticeMoment(instant);
}

/** "March 12, 2027": a day (YYYY-MM-DD). */
export function showDay(day: Day): string {
  return formatDay(day, 'en');
}

/** The practice's calendar day today, in its time zone. */
export function todayHere(): Day {
  return practiceToday();
}

/** The last twelve months up to today, both included: the range the forms start with. */
export function lastYearRange(today: Day = todayHere()): { from: Day; to: Day } {
  return { from: addDaysTo(today, -364), to: today };
}
