import type { Day } from '../calendar';
import type { IncidentState, IncidentTrigger, NoticeKind, NotificationDecision } from './incident';
import type { StaffProgramStatus } from './program-status';
import type { PeriodStatus, ReviewFrequency } from './review-schedule';

/**
 * The compliance program over an audit period, for the privacy officer and
 * an auditor: the policy versions in force and who acknowledged them,
 * training held and each person's status at the end of the period, reviews
 * of live posts done and missed, questions asked before posting, checked
 * review replies, and incidents with their outcome.
 */
export interface ComplianceProgramReport {
  from: Day;
  to: Day;
  /** Statuses are as of this day: the period's last day, or today if it has not ended. */
  asOf: Day;
  generatedOn: Day;
  policyVersions: { version: number; publishedOn: Day; publishedByName: string; supersededOn: Day | null }[];
  acknowledgments: { displayName: string; username: string; version: number; acknowledgedOn: Day; language: string }[];
  staff: StaffProgramStatus[];
  trainingCycleMonths: number;
  trainingSessions: { id: string; heldOn: Day; topic: string; trainer: string; attendees: number; materials: number; voided: boolean }[];
  quizResults: { displayName: string; takenOn: Day; correct: number; total: number; passed: boolean }[];
  reviews: { channel: string; assigneeName: string; frequency: ReviewFrequency; periods: PeriodStatus[]; removedComments: number }[];
  replyChecks: { checked: number; flagged: number };
  postReviews: { requested: number; approved: number; declined: number };
  incidents: ReportedIncident[];
  totals: { reviewsDone: number; reviewsLate: number; reviewsMissed: number; incidentsOpened: number; incidentsClosed: number; incidentsOpen: number };
}

export interface ReportedIncident {
  id: string;
  trigger: IncidentTrigger;
  state: IncidentState;
  discoveredOn: Day;
  individualBy: Day;
  decision: NotificationDecision | null;
  notices: Record<NoticeKind, Day | null>;
  outcome: string | null;
  closedOn: Day | null;
  /** Whether the individual notice (when required) was given by its deadline; null while it is not due or not required. */
  noticeInTime: boolean | null;
}

/** Versions in force at some time in [from, to]: published by `to`, and not replaced before `from`. */
export function versionsInForceDuring<T extends { version: number; publishedOn: Day }>(versions: readonly T[], from: Day, to: Day): (T & { supersededOn: Day | null })[] {
  const sorted = [...versions].sort((a, b) => a.version - b.version);
  return sorted
    .map((v, i) => ({ ...v, supersededOn: sorted[i + 1]?.publishedOn ?? null }))
    .filter((v) => v.publishedOn <= to && (v.supersededOn === null || v.supersededOn > from));
}

/** Review periods that overlap [from, to]. */
export function periodsWithin(periods: readonly PeriodStatus[], from: Day, to: Day): PeriodStatus[] {
  return periods.filter((p) => p.end >= from && p.start <= to);
}

/** Whether a required individual notice went out by its deadline (null when not required or not yet due). */
export function noticeInTime(i: { decision: NotificationDecision | null; notices: Record<NoticeKind, Day | null> }, individualBy: Day, today: Day): boolean | null {
  if (i.decision !== 'required') return null;
  if (i.notices.individual) return i.notices.individual <= individualBy;
  return today > individualBy ? false : null;
}
