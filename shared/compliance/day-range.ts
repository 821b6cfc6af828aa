import { addDaysTo, startOfDayIn, type Day } from '../calendar';

/**
 * The instants (UTC ISO strings, as records store them) bounding a range of
 * the practice's own calendar days, `from` and `to` both included: from
 * local midnight starting `from` to local midnight after `to`, exclusive.
 * The same local days as `dayOf` gives, so a day means the same on screen,
 * in reports and in bundles.
 */
export function dayRangeInstants(from: Day, to: Day, timeZone: string): { fromInstant: string; toInstant: string } {
  return {
    fromInstant: startOfDayIn(from, timeZone).toISOString(),
    toInstant: startOfDayIn(addDaysTo(to, 1), timeZone).toISOString(),
  };
}
