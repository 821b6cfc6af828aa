import { addDaysTo, type Day } from '../../../../shared/calendar';
import { practiceToday } from '../session/practice-time-zone';
import { formatNumber } from '../../i18n/format';

// Sizes, counts, days and instants are written by the one formatter (i18n/format.ts).
export { formatBytes, formatNumber as formatCount, formatDay as showDay, formatDayOf as showDayOf, formatMoment as showInstant } from '../../i18n/format';

/** The practice's calendar day today, in its time zone. */
export function todayHere(): Day {
  return practiceToday();
}

/** The last twelve months up to today, both included: the range the forms start with. */
export function lastYearRange(today: Day = todayHere()): { from: Day; to: Day } {
  return { from: addDaysTo(today, -364), to: today };
}

/** "1 post", "9 posts": a count with its English noun (screens translated to i18next use plural keys instead). */
export function counted(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatNumber(n)} ${n === 1 ? singular : plural}`;
}
