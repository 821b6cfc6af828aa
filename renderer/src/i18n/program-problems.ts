import { noticeDays, type IncidentOverdue, type IncidentStep } from '../../../shared/program/incident';
import type { ProgramProblem } from '../../../shared/program/program-status';
import { formatDay } from './format';
import { translateKey } from './i18n';
import { channelName } from './labels';


/** A deadline of an incident that has passed, in the staff member's language. */
export function incidentOverdueText(o: IncidentOverdue): string {
  return translateKey(`program-incidents:incidentClock.${o.kind}`, { days: noticeDays, day: formatDay(o.day) });
}

/** A step still to take on an incident, in the staff member's language. */
export function incidentStepText(step: IncidentStep): string {
  return translateKey(`program-incidents:incidentClock.${step.kind}`, 'day' in step ? { day: formatDay(step.day) } : {});
}

/** One overdue thing of the compliance program, in the staff member's language. */
export function programProblemText(p: ProgramProblem): string {
  const say = (key: string, values: Record<string, unknown> = {}) => translateKey(`program:programProblems.${key}`, values);
  switch (p.code) {
    case 'no_policy':
      return say('no_policy');
    case 'not_acknowledged':
      return say('not_acknowledged', { name: p.displayName, username: p.username, version: p.version });
    case 'acknowledgment_stale':
      return say('acknowledgment_stale', { name: p.displayName, username: p.username, day: p.renewBy ? formatDay(p.renewBy) : '' });
    case 'training_overdue':
      return p.lastTrainedOn
        ? say('training_overdue_trained', { name: p.displayName, username: p.username, day: formatDay(p.dueOn), trained: formatDay(p.lastTrainedOn) })
        : say('training_overdue', { name: p.displayName, username: p.username, day: formatDay(p.dueOn) });
    case 'review_missed':
      return say('review_missed', {
        channel: channelName(p.channel),
        period: p.start === p.end ? formatDay(p.start) : say('period', { start: formatDay(p.start), end: formatDay(p.end) }),
        assignee: p.assigneeName,
      });
    case 'no_review_schedule':
      return say('no_review_schedule', { channel: channelName(p.channel) });
    case 'incident_overdue':
      return say('incident_overdue', { id: p.incidentId, overdue: incidentOverdueText(p.overdue) });
  }
}
