import { channelName } from '../posts/coverage';
import type { Day } from '../calendar';
import type { Role } from '../roles';
import { mustAcknowledge, type AcknowledgmentStatus } from './acknowledgment';
import { incidentOverdueMessage, type IncidentClock, type IncidentOverdue, type IncidentState, type IncidentTrigger } from './incident';
import type { PeriodStatus, ReviewFrequency } from './review-schedule';
import type { QuizResultSummary, TrainingStatus } from './training';

/**
 * Where the practice's compliance program stands on a day: every active
 * member of staff's acknowledgment and training, each channel's reviews,
 * and the incidents still open (or with a notice still due). `problems`
 * lists, in words, everything overdue; `consent-desk program status` exits
 * 1 when there is any.
 */
export interface ProgramStatus {
  asOf: Day;
  policy: { version: number | null; publishedOn: Day | null };
  trainingCycleMonths: number;
  staff: StaffProgramStatus[];
  reviews: ChannelReviewStatus[];
  /** Channels with a live post and no active review schedule. */
  unscheduledChannels: string[];
  incidents: IncidentStatus[];
  problems: string[];
  /** The same, as facts the screens word in the staff member's language. */
  problemItems: ProgramProblem[];
  overdue: boolean;
}

/** One overdue thing of the program, with what its sentence names. */
export type ProgramProblem =
  | { code: 'no_policy' }
  | { code: 'not_acknowledged'; displayName: string; username: string; version: number | null }
  | { code: 'acknowledgment_stale'; displayName: string; username: string; renewBy: Day | null }
  | { code: 'training_overdue'; displayName: string; username: string; dueOn: Day; lastTrainedOn: Day | null }
  | { code: 'review_missed'; channel: string; start: Day; end: Day; assigneeName: string }
  | { code: 'no_review_schedule'; channel: string }
  | { code: 'incident_overdue'; incidentId: string; overdue: IncidentOverdue };

export interface StaffProgramStatus {
  staffId: string;
  username: string;
  displayName: string;
  role: Role;
  acknowledgment: AcknowledgmentStatus;
  training: TrainingStatus;
  lastQuiz: QuizResultSummary | null;
}

export interface ChannelReviewStatus {
  scheduleId: string;
  channel: string;
  frequency: ReviewFrequency;
  assigneeId: string;
  assigneeName: string;
  active: boolean;
  current: PeriodStatus | null;
  missed: PeriodStatus[];
  lastDone: PeriodStatus | null;
}

export interface IncidentStatus {
  id: string;
  trigger: IncidentTrigger;
  state: IncidentState;
  discoveredOn: Day;
  clock: IncidentClock;
}

/** Everything overdue, in the order the status lists them. */
export function programProblemItems(status: Omit<ProgramStatus, 'problems' | 'problemItems' | 'overdue'>): ProgramProblem[] {
  const items: ProgramProblem[] = [];
  if (status.policy.version === null) items.push({ code: 'no_policy' });
  for (const s of status.staff) {
    const who = { displayName: s.displayName, username: s.username };
    if (s.acknowledgment.state === 'missing') items.push({ code: 'not_acknowledged', ...who, version: s.acknowledgment.version });
    else if (mustAcknowledge(s.acknowledgment)) items.push({ code: 'acknowledgment_stale', ...who, renewBy: s.acknowledgment.renewBy });
    if (s.training.state === 'overdue') items.push({ code: 'training_overdue', ...who, dueOn: s.training.dueOn, lastTrainedOn: s.training.lastTrainedOn });
  }
  for (const r of status.reviews) for (const p of r.missed) items.push({ code: 'review_missed', channel: r.channel, start: p.start, end: p.end, assigneeName: r.assigneeName });
  for (const channel of status.unscheduledChannels) items.push({ code: 'no_review_schedule', channel });
  for (const i of status.incidents) for (const overdue of i.clock.overdueItems) items.push({ code: 'incident_overdue', incidentId: i.id, overdue });
  return items;
}

/** One overdue thing in English, one sentence, as the CLI and the reports say it. */
export function programProblemMessage(p: ProgramProblem): string {
  switch (p.code) {
    case 'no_policy':
      return 'No social-media policy is published yet: publish one so that staff can acknowledge it.';
    case 'not_acknowledged':
      return `${p.displayName} (${p.username}) has not acknowledged the social-media policy (version ${p.version}).`;
    case 'acknowledgment_stale':
      return `${p.displayName} (${p.username}) last acknowledged the policy more than a year ago (renewal was due ${p.renewBy}).`;
    case 'training_overdue':
      return `${p.displayName} (${p.username}): training was due ${p.dueOn}${p.lastTrainedOn ? ` (last trained ${p.lastTrainedOn})` : ' (never trained)'}.`;
    case 'review_missed':
      return `${channelName(p.channel)}: the review of ${p.start === p.end ? p.start : `${p.start} to ${p.end}`} was missed (assigned to ${p.assigneeName}).`;
    case 'no_review_schedule':
      return `${channelName(p.channel)} has live posts but no review schedule.`;
    case 'incident_overdue':
      return `Incident ${p.incidentId}: ${incidentOverdueMessage(p.overdue)}`;
  }
}

/** Everything overdue, one sentence each, in the order the status lists them. */
export function programProblems(status: Omit<ProgramStatus, 'problems' | 'problemItems' | 'overdue'>): string[] {
  return programProblemItems(status).map(programProblemMessage);
}

export function withProblems(status: Omit<ProgramStatus, 'problems' | 'problemItems' | 'overdue'>): ProgramStatus {
  const problemItems = programProblemItems(status);
  return { ...status, problems: problemItems.map(programProblemMessage), problemItems, overdue: problemItems.length > 0 };
}
