import { addDaysTo, dayOf, workstationTimeZone, type Day } from '../../../shared/calendar';

/**
 * The clock the demo store is created with. A practice's records build up
 * over months: authorizations signed a year ago have expired since, a
 * revocation arrived in the autumn, a post came down the next day. Instead
 * of writing such dates into the store behind the backend's back, the demo
 * runs the backend on this clock and moves it forward, chapter by chapter,
 * from the first day of the history to the present; every record, PDF and
 * audit event then carries the date it would have had, in order, and the
 * backend itself applies what the passing days mean (expiry sweeps).
 * Within a chapter, time runs at the real pace. It never moves backwards.
 */
export class DemoClock {
  /** The real today, fixed when the demo starts: the last chapter's day. */
  readonly today: Day = dayOf(new Date(), workstationTimeZone());
  private offsetMs = 0;

  /** A clock that starts at `time` (local, "HH:MM") on the day `startDaysFromToday` days from today. */
  constructor(startDaysFromToday: number, time: string) {
    this.offsetMs = this.at(startDaysFromToday, time) - Date.now();
  }

  readonly now = (): Date => new Date(Date.now() + this.offsetMs);

  /** The day `daysFromToday` days from today (negative: in the past). */
  day(daysFromToday: number): Day {
    return addDaysTo(this.today, daysFromToday);
  }

  /** Move to `time` (local, "HH:MM") on a past day; time then runs on from there. */
  goTo(daysFromToday: number, time: string): void {
    if (daysFromToday >= 0) throw new Error('Use present() for today.');
    this.moveTo(this.at(daysFromToday, time));
  }

  private at(daysFromToday: number, time: string): number {
    // An ISO date-time without a zone is local time, like the practice's calendar.
    return new Date(`${this.day(daysFromToday)}T${time}:00`).getTime();
  }

  /** Back to the real clock: the last chapter happens now. */
  present(): void {
    this.moveTo(Date.now());
    this.offsetMs = 0;
  }

  private moveTo(targetMs: number): void {
    if (targetMs < this.now().getTime()) throw new Error('The demo clock only moves forward.');
    this.offsetMs = targetMs - Date.now();
  }
}
