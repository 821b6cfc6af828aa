import { channelName } from '../posts/coverage';
import type { Day } from '../calendar';
import type { Role } from '../roles';
import { mustAcknowledge, type AcknowledgmentStatus } from './acknowledgment';
import type { IncidentClock, IncidentState, IncidentTrigger } from './incident';
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
  overdue: boolean;
}

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

const periodWords = (p: PeriodStatus) => (p.start === p.end ? p.start : `${p.start} to ${p.end}`);

/** Everything overdue, one sentence each, in the order the status lists them. */
export function programProblems(status: Omit<ProgramStatus, 'problems' | 'overdue'>): string[] {
  const problems: string[] = [];
  if (status.policy.version === null) problems.push('No social-media policy is published yet: publish one so that staff can acknowledge it.');
  for (const s of status.staff) {
    if (s.acknowledgment.state === 'missing') {
      problems.push(`${s.displayName} (${s.username}) has not acknowledged the social-media policy (version ${s.acknowledgment.version}).`);
    } else if (mustAcknowledge(s.acknowledgment)) {
      problems.push(`${s.displayName} (${s.username}) last acknowledged the policy more than a year ago (renewal was due ${s.acknowledgment.renewBy}).`);
    }
    if (s.training.state === 'overdue') {
      problems.push(`${s.displayName} (${s.username}): training was due ${s.training.dueOn}${s.training.lastTrainedOn ? ` (last trained ${s.training.lastTrainedOn})` : ' (never trained)'}.`);
    }
  }
  for (const r of status.reviews) {
    for (const p of r.missed) problems.push(`${channelName(r.channel)}: the review of ${periodWords(p)} was missed (assigned to ${r.assigneeName}).`);
  }
  for (const channel of status.unscheduledChannels) problems.push(`${channelName(channel)} has live posts but no review schedule.`);
  for (const i of status.incidents) for (const o of i.clock.overdue) problems.push(`Incident ${i.id}: ${o}`);
  return problems;
}

export function withProblems(status: Omit<ProgramStatus, 'problems' | 'overdue'>): ProgramStatus {
  const problems = programProblems(status);
  return { ...status, problems, overdue: problems.length > 0 };
}
