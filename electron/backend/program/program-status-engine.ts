import type { AcknowledgmentStatus } from '../../../shared/program/acknowledgment';
import type { Day } from '../../../shared/calendar';
import type { ReviewSchedule } from '../../../shared/program/review-schedule';
import type { StaffProgramStatus } from '../../../shared/program/program-status';
import type { EngineCore, PolicyCore } from '../engine-core';
import { acknowledgmentOn, endOfDayIso, scheduleViewOf, staffProgramStatusesOf, trainingCycleKey, trainingCycleMonthsOf } from './program-queries';

/**
 * The compliance program's standing, read through the store engine inside
 * the caller's transaction `tx` (issue 15, switch-over step 3): the same
 * rules as program-queries.ts (`staffProgramStatusesOf`, `scheduleViewOf`,
 * `acknowledgmentOn` are shared), their readings through `records`, so they
 * answer alike on the SQLite file and on PostgreSQL.
 */

/** The training cycle in months (a keyed setting, the backend's on either engine). */
export async function trainingCycleMonthsIn(core: PolicyCore, tx: unknown): Promise<number> {
  return trainingCycleMonthsOf(await core.readSettingIn(tx, trainingCycleKey));
}

/** One person's acknowledgment of the policy in force on `asOf`. */
export async function acknowledgmentIn(core: EngineCore, tx: unknown, staffId: string, asOf: Day): Promise<AcknowledgmentStatus> {
  const policy = core.engine.records.program.policy;
  return acknowledgmentOn(await policy.listPolicyVersions(tx, core.timeZone), await policy.listAcknowledgments(tx, { staffId }), asOf);
}

/** Every active member of staff's acknowledgment, training and last quiz, as of a day. */
export async function staffProgramStatusesIn(core: PolicyCore, tx: unknown, asOf: Day): Promise<StaffProgramStatus[]> {
  const { program, programReviews, staff } = core.engine.records;
  const readings = {
    versions: await program.policy.listPolicyVersions(tx, core.timeZone),
    acks: await program.policy.listAcknowledgments(tx, { onOrBefore: asOf }),
    trained: await programReviews.training.lastTrainedOn(tx, asOf),
    quizzes: await programReviews.training.latestQuizResults(tx, endOfDayIso(asOf, core.timeZone)),
    cycle: await trainingCycleMonthsIn(core, tx),
    staff: await staff.listStaff(tx),
  };
  return staffProgramStatusesOf(readings, asOf, core.timeZone);
}

/** Every review schedule (by channel) with its periods as of `today`. */
export async function scheduleViewsIn(core: EngineCore, tx: unknown, today: Day): Promise<ReviewSchedule[]> {
  const { programIncidents, programReviews } = core.engine.records;
  const views: ReviewSchedule[] = [];
  for (const s of await programIncidents.reviewSchedules.listSchedules(tx)) {
    views.push(scheduleViewOf(s, await programReviews.channelReviews.reviewedPeriods(tx, s.id), today));
  }
  return views;
}
