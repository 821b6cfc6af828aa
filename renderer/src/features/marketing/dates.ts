import type { Day } from '../../../../shared/calendar';
import { practiceToday } from '../session/practice-time-zone';

// Days and instants are written by the one formatter (i18n/format.ts).
export { formatDay as showDay, formatDayOf as showDayOf } from '../../i18n/format';

/** Today on the practice's calendar, as YYYY-MM-DD. */
export function today(): Day {
  return practiceToday();
}
