import { dayOf, startOfDayIn, type Day } from '../../../shared/calendar';
import type { Incident } from '../../../shared/program/incident';
import type { PolicyVersion } from '../../../shared/program/policy';
import type { PostReviewMessage } from '../../../shared/program/post-review';
import { noticeInTime, periodsWithin, versionsInForceDuring, type ComplianceProgramReport } from '../../../shared/program/program-report';
import type { StaffProgramStatus } from '../../../shared/program/program-status';
import type { ChannelReview, ReviewSchedule } from '../../../shared/program/review-schedule';
import type { TrainingSession } from '../../../shared/program/training';
import type { StaffMember } from '../../../shared/staff';
import { listChannelReviews, countReplyChecksIn } from '../repositories/channel-review-repository';
import { listIncidents } from '../repositories/incident-repository';
import { listAcknowledgments, listPolicyVersions, type StoredAcknowledgment } from '../repositories/policy-repository';
import { allThreads } from '../repositories/post-review-repository';
import { listStaff } from '../repositories/staff-repository';
import { listQuizResults, listTrainingSessions } from '../repositories/training-repository';
import type { Db } from '../store/database';
import type { SharedRecords } from '../store-engine/store-engine';
import type { StoredQuizResult } from '../store-pg/store-interface-program-reviews';
import { endOfDayIso, scheduleViews, staffProgramStatuses, staffProgramStatusesIn, trainingCycleMonths, trainingCycleMonthsIn } from './program-queries';
import { scheduleViewsIn } from './program-queries-engine';

type Range = { from: Day; to: Day };
type Ctx = { today: Day; timeZone: string };

/** What the report is made of, as read (from the file by `complianceProgramReport`, through the store engine by `complianceProgramReportIn`). */
interface ReportReadings {
  staff: readonly StaffMember[];
  versions: readonly PolicyVersion[];
  sessions: readonly TrainingSession[];
  /** The channel reviews of periods within the range. */
  reviews: readonly ChannelReview[];
  /** Every schedule with its periods up to today. */
  schedules: readonly ReviewSchedule[];
  /** The post review threads' messages written within the range. */
  threads: Map<string, PostReviewMessage[]>;
  /** The incidents discovered in, or open during, the range. */
  incidents: readonly Incident[];
  /** Every acknowledgment, oldest first. */
  acks: readonly StoredAcknowledgment[];
  /** As of the report's last day (or today). */
  statuses: StaffProgramStatus[];
  cycle: number;
  /** Taken within the range. */
  quizzes: readonly StoredQuizResult[];
  replyChecks: { checked: number; flagged: number };
}

/** The report's instants: from the first day's start to the last day's end, in the practice's time zone. */
function rangeOf(range: Range, ctx: Ctx) {
  const asOf = range.to < ctx.today ? range.to : ctx.today;
  return { asOf, fromIso: startOfDayIn(range.from, ctx.timeZone).toISOString(), toIso: endOfDayIso(range.to, ctx.timeZone) };
}

/**
 * The compliance program over [from, to] from the open file: what the
 * program export's bundle holds (export/program-bundle.ts). The handlers
 * read it through the store engine (`complianceProgramReportIn`).
 */
export function complianceProgramReport(db: Db, range: Range, ctx: Ctx): ComplianceProgramReport {
  const { from, to } = range;
  const { today, timeZone } = ctx;
  const { asOf, fromIso, toIso } = rangeOf(range, ctx);
  return complianceProgramReportOf(
    {
      staff: listStaff(db),
      versions: listPolicyVersions(db, timeZone),
      sessions: listTrainingSessions(db, { from, to }),
      reviews: listChannelReviews(db, { range: { from, to } }),
      schedules: scheduleViews(db, today),
      threads: allThreads(db, { fromIso, toIso }),
      incidents: listIncidents(db, today, { from, toIso }),
      acks: listAcknowledgments(db),
      statuses: staffProgramStatuses(db, asOf, timeZone),
      cycle: trainingCycleMonths(db),
      quizzes: listQuizResults(db, { fromIso, toIso }),
      replyChecks: countReplyChecksIn(db, { fromIso, toIso }),
    },
    range,
    ctx,
  );
}

/** `complianceProgramReport` on the store engine, inside the transaction `tx`: the same readings through `records` (all of them are on both engines), the same report after. */
export async function complianceProgramReportIn(records: SharedRecords<unknown>, tx: unknown, range: Range, ctx: Ctx): Promise<ComplianceProgramReport> {
  const { from, to } = range;
  const { today, timeZone } = ctx;
  const { asOf, fromIso, toIso } = rangeOf(range, ctx);
  const { program, programIncidents, programReviews } = records;
  return complianceProgramReportOf(
    {
      staff: await records.staff.listStaff(tx),
      versions: await program.policy.listPolicyVersions(tx, timeZone),
      sessions: await programReviews.training.listTrainingSessions(tx, { from, to }),
      reviews: await programReviews.channelReviews.listChannelReviews(tx, { range: { from, to } }),
      schedules: await scheduleViewsIn(records, tx, today),
      threads: await programIncidents.postReviews.allThreads(tx, { fromIso, toIso }),
      incidents: await programIncidents.incidents.listIncidents(tx, today, { from, toIso }),
      acks: await program.policy.listAcknowledgments(tx),
      statuses: await staffProgramStatusesIn(records, tx, asOf, timeZone),
      cycle: await trainingCycleMonthsIn(records, tx),
      quizzes: await programReviews.training.listQuizResults(tx, { fromIso, toIso }),
      replyChecks: await programIncidents.replyChecks.countReplyChecksIn(tx, { fromIso, toIso }),
    },
    range,
    ctx,
  );
}

/**
 * The compliance program over [from, to] (practice days, both included).
 * Statuses (acknowledgments, training) are as of the period's last day, or
 * today when it has not ended; reviews as they stand today.
 */
export function complianceProgramReportOf(r: ReportReadings, range: Range, ctx: Ctx): ComplianceProgramReport {
  const { from, to } = range;
  const { today, timeZone } = ctx;
  const { asOf } = rangeOf(range, ctx);
  const names = new Map(r.staff.map((s) => [s.id, s]));
  const { versions, sessions, reviews } = r;
  const removedBySchedule = new Map<string, number>();
  for (const review of reviews) removedBySchedule.set(review.scheduleId, (removedBySchedule.get(review.scheduleId) ?? 0) + review.removedComments.length);
  const schedules = r.schedules.map((s) => ({
    channel: s.channel,
    assigneeName: s.assigneeName,
    frequency: s.frequency,
    periods: periodsWithin(s.periods, from, to),
    removedComments: removedBySchedule.get(s.id) ?? 0,
  }));

  const postReviews = { requested: 0, approved: 0, declined: 0 };
  for (const thread of r.threads.values()) {
    for (const m of thread) {
      if (m.kind === 'request') postReviews.requested += 1;
      if (m.kind === 'approve') postReviews.approved += 1;
      if (m.kind === 'decline') postReviews.declined += 1;
    }
  }

  const incidents = r.incidents.map((i) => ({
    id: i.id,
    trigger: i.trigger,
    state: i.state,
    discoveredOn: i.discoveredOn,
    individualBy: i.clock.deadlines.individualBy,
    decision: i.decision,
    notices: i.notices,
    outcome: i.outcome,
    closedOn: i.closedAt ? dayOf(new Date(i.closedAt), timeZone) : null,
    noticeInTime: noticeInTime(i, i.clock.deadlines.individualBy, today),
  }));

  const allPeriods = schedules.flatMap((s) => s.periods);
  return {
    from,
    to,
    asOf,
    generatedOn: today,
    policyVersions: versionsInForceDuring(versions, from, to).map((v) => ({
      version: v.version,
      publishedOn: v.publishedOn,
      publishedByName: v.publishedByName,
      supersededOn: v.supersededOn,
    })),
    acknowledgments: r.acks
      .filter((a) => a.acknowledgedOn >= from && a.acknowledgedOn <= to)
      .map((a) => ({
        displayName: names.get(a.staffId)?.displayName ?? a.staffId,
        username: names.get(a.staffId)?.username ?? '',
        version: a.version,
        acknowledgedOn: a.acknowledgedOn,
        language: a.language,
      })),
    staff: r.statuses,
    trainingCycleMonths: r.cycle,
    trainingSessions: sessions.map((s) => ({
      id: s.id,
      heldOn: s.heldOn,
      topic: s.topic,
      trainer: s.trainer,
      attendees: s.attendees.length,
      materials: s.materials.length,
      voided: s.voidedAt !== null,
    })),
    quizResults: r.quizzes.map((q) => ({
      displayName: q.displayName,
      takenOn: dayOf(new Date(q.takenAt), timeZone),
      correct: q.correct,
      total: q.total,
      passed: q.passed,
    })),
    reviews: schedules,
    replyChecks: r.replyChecks,
    postReviews,
    incidents,
    totals: {
      reviewsDone: allPeriods.filter((p) => p.state === 'done').length,
      reviewsLate: allPeriods.filter((p) => p.state === 'done_late').length,
      reviewsMissed: allPeriods.filter((p) => p.state === 'missed').length,
      incidentsOpened: incidents.filter((i) => i.discoveredOn >= from && i.discoveredOn <= to).length,
      incidentsClosed: incidents.filter((i) => i.closedOn !== null && i.closedOn >= from && i.closedOn <= to).length,
      incidentsOpen: incidents.filter((i) => i.state === 'open').length,
    },
  };
}
