import { dayOf, startOfDayIn, type Day } from '../../../shared/calendar';
import { noticeInTime, periodsWithin, versionsInForceDuring, type ComplianceProgramReport } from '../../../shared/program/program-report';
import { listChannelReviews, countReplyChecksIn } from '../repositories/channel-review-repository';
import { listIncidents } from '../repositories/incident-repository';
import { listAcknowledgments, listPolicyVersions } from '../repositories/policy-repository';
import { allThreads } from '../repositories/post-review-repository';
import { listStaff } from '../repositories/staff-repository';
import { listQuizResults, listTrainingSessions } from '../repositories/training-repository';
import type { Db } from '../store/database';
import { endOfDayIso, scheduleViews, staffProgramStatuses, trainingCycleMonths } from './program-queries';

/**
 * The compliance program over [from, to] (practice days, both included).
 * Statuses (acknowledgments, training) are as of the period's last day, or
 * today when it has not ended; reviews as they stand today.
 */
export function complianceProgramReport(db: Db, range: { from: Day; to: Day }, ctx: { today: Day; timeZone: string }): ComplianceProgramReport {
  const { from, to } = range;
  const { today, timeZone } = ctx;
  const asOf = to < today ? to : today;
  const fromIso = startOfDayIn(from, timeZone).toISOString();
  const toIso = endOfDayIso(to, timeZone);
  const names = new Map(listStaff(db).map((s) => [s.id, s]));

  const versions = listPolicyVersions(db, timeZone);
  const sessions = listTrainingSessions(db, { from, to });
  const reviews = listChannelReviews(db, { range: { from, to } });
  const removedBySchedule = new Map<string, number>();
  for (const r of reviews) removedBySchedule.set(r.scheduleId, (removedBySchedule.get(r.scheduleId) ?? 0) + r.removedComments.length);
  const schedules = scheduleViews(db, today).map((s) => ({
    channel: s.channel,
    assigneeName: s.assigneeName,
    frequency: s.frequency,
    periods: periodsWithin(s.periods, from, to),
    removedComments: removedBySchedule.get(s.id) ?? 0,
  }));

  const postReviews = { requested: 0, approved: 0, declined: 0 };
  for (const thread of allThreads(db, { fromIso, toIso }).values()) {
    for (const m of thread) {
      if (m.kind === 'request') postReviews.requested += 1;
      if (m.kind === 'approve') postReviews.approved += 1;
      if (m.kind === 'decline') postReviews.declined += 1;
    }
  }

  const incidents = listIncidents(db, today, { from, toIso }).map((i) => ({
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
    acknowledgments: listAcknowledgments(db)
      .filter((a) => a.acknowledgedOn >= from && a.acknowledgedOn <= to)
      .map((a) => ({
        displayName: names.get(a.staffId)?.displayName ?? a.staffId,
        username: names.get(a.staffId)?.username ?? '',
        version: a.version,
        acknowledgedOn: a.acknowledgedOn,
        language: a.language,
      })),
    staff: staffProgramStatuses(db, asOf, timeZone),
    trainingCycleMonths: trainingCycleMonths(db),
    trainingSessions: sessions.map((s) => ({
      id: s.id,
      heldOn: s.heldOn,
      topic: s.topic,
      trainer: s.trainer,
      attendees: s.attendees.length,
      materials: s.materials.length,
      voided: s.voidedAt !== null,
    })),
    quizResults: listQuizResults(db, { fromIso, toIso }).map((q) => ({
      displayName: q.displayName,
      takenOn: dayOf(new Date(q.takenAt), timeZone),
      correct: q.correct,
      total: q.total,
      passed: q.passed,
    })),
    reviews: schedules,
    replyChecks: countReplyChecksIn(db, { fromIso, toIso }),
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
