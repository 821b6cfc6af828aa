import { addMonths } from 'date-fns/addMonths';
import { format } from 'date-fns/format';
import { parseISO } from 'date-fns/parseISO';
import type { Day } from '../calendar';

/**
 * A day some calendar months later, as the practice counts a yearly or
 * monthly cycle: the same day of the month, or the month's last day when it
 * has no such day (January 31 + 1 month = February 28 or 29).
 */
export function addMonthsTo(day: Day, months: number): Day {
  return format(addMonths(parseISO(day), months), 'yyyy-MM-dd');
}

/** The later of two days. */
export function laterDay(a: Day, b: Day): Day {
  return a > b ? a : b;
}

/** The earlier of two days. */
export function earlierDay(a: Day, b: Day): Day {
  return a < b ? a : b;
}
