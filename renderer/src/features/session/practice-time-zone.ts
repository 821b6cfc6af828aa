import { dayOf, workstationTimeZone, type Day } from '../../../../shared/calendar';

/**
 * The practice's time zone, as the backend reported it with the app state.
 * Every day a person reads or types is a day there, whatever zone this
 * workstation is set to. It is one value for the whole app (one practice per
 * store), kept here rather than in a context so that plain formatting
 * functions can use it; the app-state provider sets it whenever the state
 * arrives, before anything below it renders.
 */
let practiceZone: string | null = null;

export function setPracticeTimeZone(timeZone: string | null): void {
  if (timeZone) practiceZone = timeZone;
}

export function practiceTimeZone(): string {
  return practiceZone ?? workstationTimeZone();
}

/** Today in the practice's time zone, as YYYY-MM-DD. */
export function practiceToday(now = new Date()): Day {
  return dayOf(now, practiceTimeZone());
}

/** The practice's day of an instant the backend stored in UTC. */
export function practiceDayOf(instant: string): Day {
  return dayOf(new Date(instant), practiceTimeZone());
}
