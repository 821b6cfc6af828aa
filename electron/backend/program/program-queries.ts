import { addDaysTo, dayOf, startOfDayIn, type Day } from '../../../shared/calendar';
import { acknowledgmentStatus, type AcknowledgmentStatus } from '../../../shared/program/acknowledgment';
import { schedulePeriods, type ReviewSchedule } from '../../../shared/program/review-schedule';
import type { StaffProgramStatus } from '../../../shared/program/program-status';
import { defaultTrainingCycleMonths, trainingStatus, type QuizResultSummary } from '../../../shared/program/training';
import type { StaffMember } from '../../../shared/staff';
import { listAcknowledgments, listPolicyVersions, type StoredAcknowledgment } from '../repositories/policy-repository';
import { listSchedules, reviewedPeriods, type StoredSchedule } from '../repositories/channel-review-repository';
import { lastTrainedOn, latestQuizResults } from '../repositories/training-repository';
import { listStaff } from '../repositories/staff-repository';
import type { Db } from '../store/database';
import type { SharedRecords } from '../store-engine/store-engine';

/** States in which a post is out on its channel. */
export const liveStates = ['published', 'takedown_required'] as const;

/** The settings key of the training cycle, in months. */
export const trainingCycleKey = 'program.trainingCycleMonths';

/** The training cycle a kept setting's JSON value stands for: 1 to 24 months, else the default. */
export function trainingCycleMonthsOf(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 24 ? value : defaultTrainingCycleMonths;
}

export function trainingCycleMonths(db: Db): number {
  const raw = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(trainingCycleKey) as string | undefined;
  return trainingCycleMonthsOf(raw === undefined ? null : (JSON.parse(raw) as unknown));
}

/** `trainingCycleMonths` on the store engine, inside the transaction `tx` (the settings' keyed record, either engine). */
export async function trainingCycleMonthsIn(records: SharedRecords<unknown>, tx: unknown): Promise<number> {
  return trainingCycleMonthsOf(await records.settings.readSetting(tx, trainingCycleKey));
}

/** Keep the training cycle, inside the store engine's transaction `tx`. */
export async function setTrainingCycleMonthsIn(records: SharedRecords<unknown>, tx: unknown, months: number): Promise<void> {
  await records.settings.writeSetting(tx, trainingCycleKey, months);
}

/** The first instant after a practice day: "up to and including `day`" for stored instants. */
export function endOfDayIso(day: Day, timeZone: string): string {
  return startOfDayIn(addDaysTo(day, 1), timeZone).toISOString();
}

/**
 * One person's acknowledgment on `asOf`: of the version in force that day
 * (the newest published by then), from their acknowledgments made by then.
 */
export function acknowledgmentOn(
  versions: readonly { id: string; version: number; publishedOn: Day }[],
  acks: readonly StoredAcknowledgment[],
  asOf: Day,
): AcknowledgmentStatus {
  const inForce = versions.filter((v) => v.publishedOn <= asOf).sort((a, b) => b.version - a.version)[0] ?? null;
  const made = acks.filter((a) => a.acknowledgedOn <= asOf);
  const ofInForce = inForce ? ([...made].reverse().find((a) => a.versionId === inForce.id) ?? null) : null;
  const last = made.length ? Math.max(...made.map((a) => a.version)) : null;
  return acknowledgmentStatus({ inForce, ofInForce, lastVersionAcknowledged: last, today: asOf });
}

/** Every active member of staff's acknowledgment, training and last quiz, as of a day. */
export function staffProgramStatuses(db: Db, asOf: Day, timeZone: string): StaffProgramStatus[] {
  return staffProgramStatusesOf(
    {
      versions: listPolicyVersions(db, timeZone),
      acks: listAcknowledgments(db, { onOrBefore: asOf }),
      trained: lastTrainedOn(db, asOf),
      quizzes: latestQuizResults(db, endOfDayIso(asOf, timeZone)),
      cycle: trainingCycleMonths(db),
      staff: listStaff(db),
    },
    asOf,
    timeZone,
  );
}

/** What the staff's statuses are made of, as read (on either engine: `staffProgramStatusesIn` reads them through the store engine). */
export interface StaffProgramReadings {
  versions: readonly { id: string; version: number; publishedOn: Day }[];
  /** Made on or before the day. */
  acks: readonly StoredAcknowledgment[];
  trained: Map<string, string>;
  /** Taken before the end of the day. */
  quizzes: Map<string, QuizResultSummary>;
  cycle: number;
  staff: readonly StaffMember[];
}

export function staffProgramStatusesOf(r: StaffProgramReadings, asOf: Day, timeZone: string): StaffProgramStatus[] {
  const { versions, acks, trained, quizzes, cycle } = r;
  return r.staff
    .filter((s) => s.status === 'active' && dayOf(new Date(s.createdAt), timeZone) <= asOf)
    .map((s) => ({
      staffId: s.id,
      username: s.username,
      displayName: s.displayName,
      role: s.role,
      acknowledgment: acknowledgmentOn(versions, acks.filter((a) => a.staffId === s.id), asOf),
      training: trainingStatus({ joinedOn: dayOf(new Date(s.createdAt), timeZone), lastTrainedOn: trained.get(s.id) ?? null, cycleMonths: cycle, today: asOf }),
      lastQuiz: quizzes.get(s.id) ?? null,
    }));
}

/**
 * `staffProgramStatuses` on the store engine, inside the transaction `tx`:
 * the policy, acknowledgments, training, quizzes, the cycle and staff read
 * through `records` (all of them are on both engines), the same rules after.
 */
export async function staffProgramStatusesIn(records: SharedRecords<unknown>, tx: unknown, asOf: Day, timeZone: string): Promise<StaffProgramStatus[]> {
  return staffProgramStatusesOf(
    {
      versions: await records.program.policy.listPolicyVersions(tx, timeZone),
      acks: await records.program.policy.listAcknowledgments(tx, { onOrBefore: asOf }),
      trained: await records.programReviews.training.lastTrainedOn(tx, asOf),
      quizzes: await records.programReviews.training.latestQuizResults(tx, endOfDayIso(asOf, timeZone)),
      cycle: await trainingCycleMonthsIn(records, tx),
      staff: await records.staff.listStaff(tx),
    },
    asOf,
    timeZone,
  );
}

export function scheduleView(db: Db, s: StoredSchedule, today: Day): ReviewSchedule {
  return scheduleViewOf(s, reviewedPeriods(db, s.id), today);
}

/** A schedule with its periods, from the schedule and its reviewed periods as read (on either engine). */
export function scheduleViewOf(s: StoredSchedule, reviews: ReturnType<typeof reviewedPeriods>, today: Day): ReviewSchedule {
  return {
    ...s,
    periods: schedulePeriods({ frequency: s.frequency, startsOn: s.startsOn, today, reviews, endsOn: s.active ? null : s.endedOn }),
  };
}

export function scheduleViews(db: Db, today: Day): ReviewSchedule[] {
  return listSchedules(db).map((s) => scheduleView(db, s, today));
}
