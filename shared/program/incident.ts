import { z } from 'zod';
import { addDaysTo, daysBetween, isDay, type Day } from '../calendar';
import type { PostState } from '../posts/post';
import { earlierDay } from './program-days';

/**
 * Incidents: patient information that went out without a covering
 * authorization, handled under the breach rule (45 CFR 164.400-414). An
 * impermissible disclosure is presumed a breach unless a documented risk
 * assessment of four factors (164.402(2)) shows a low probability that the
 * information was compromised. Individuals are told without unreasonable
 * delay and no later than 60 calendar days after discovery (164.404);
 * 500 or more residents of a state also need notice to the media
 * (164.406); HHS is told within 60 days for 500 or more people, otherwise
 * in a yearly log within 60 days of the end of the calendar year (164.408).
 */
export const incidentTriggers = ['takedown_required', 'published_after_revocation', 'phi_reply', 'other'] as const;
export type IncidentTrigger = (typeof incidentTriggers)[number];

export const incidentTriggerLabels: Record<IncidentTrigger, string> = {
  takedown_required: 'Published post lost its cover (take-down required)',
  published_after_revocation: 'Published after a revocation was received',
  phi_reply: 'Posted reply to a review disclosed patient information',
  other: 'Reported by staff',
};

export type IncidentState = 'open' | 'closed';

/** Days from discovery within which individuals must be notified. */
export const noticeDays = 60;
/** From this many residents of one state, the media are notified too; from this many people in all, HHS within 60 days. */
export const largeBreachThreshold = 500;

// ---------------------------------------------------------------------------
// When an incident must open
// ---------------------------------------------------------------------------

/** Something that happened to a post or a reply, as the rule needs it. */
export type IncidentEvent =
  | {
      kind: 'post_state_changed';
      from: PostState;
      to: PostState;
      /** The practice's day it was published. */
      publishedOn: Day | null;
      /** The day its consent's revocation was received, if it was revoked. */
      revocationReceivedOn: Day | null;
      /** The day the consent stopped covering it when that is known (revocation received, expiration date or event). */
      coverageEndedOn: Day | null;
      today: Day;
    }
  | { kind: 'reply_found'; flagged: boolean; today: Day };

export interface IncidentToOpen {
  trigger: IncidentTrigger;
  discoveredOn: Day;
  /** Why the discovery day is that day, for the file. */
  discoveryNote: string;
}

/**
 * Whether an event opens an incident, and with what discovery day. A
 * published post that loses its cover was live without one: an incident.
 * A draft or an approved post that loses its cover never went out, and a
 * post kept up after the patient came of age stays lawful (not a change to
 * "take-down required"): no incident. A reply found posted that the reply
 * checker flags is one.
 *
 * The breach counts as discovered on the first day the practice knew, or
 * with reasonable diligence would have known (164.404(a)(2)): the day the
 * post went out when that was after the revocation had been received, the
 * day the cover ended when Consent Desk learns it later (a revocation
 * typed in days after it arrived, a store not opened since the expiry
 * date), otherwise today. Never later than today.
 */
export function incidentToOpen(event: IncidentEvent): IncidentToOpen | null {
  if (event.kind === 'reply_found') {
    return event.flagged ? { trigger: 'phi_reply', discoveredOn: event.today, discoveryNote: 'The day the posted reply was found and checked.' } : null;
  }
  if (event.to !== 'takedown_required' || event.from !== 'published') return null;
  const { publishedOn, revocationReceivedOn, coverageEndedOn, today } = event;
  if (publishedOn && revocationReceivedOn && publishedOn >= revocationReceivedOn) {
    return {
      trigger: 'published_after_revocation',
      discoveredOn: earlierDay(publishedOn, today),
      discoveryNote: 'The day it was published: the revocation had been received already.',
    };
  }
  if (coverageEndedOn && coverageEndedOn < today) {
    const knowable = publishedOn && publishedOn > coverageEndedOn ? publishedOn : coverageEndedOn;
    return {
      trigger: 'takedown_required',
      discoveredOn: earlierDay(knowable, today),
      discoveryNote: revocationReceivedOn
        ? 'The day the revocation was received (it was recorded later).'
        : 'The day the authorization stopped covering the post (Consent Desk learned it later).',
    };
  }
  return { trigger: 'takedown_required', discoveredOn: today, discoveryNote: 'The day Consent Desk found that the post was no longer covered.' };
}

// ---------------------------------------------------------------------------
// The four-factor risk assessment (164.402(2))
// ---------------------------------------------------------------------------

/** Kinds of information an incident may involve (factor 1). */
export const phiKinds = [
  'patient_relationship',
  'first_name',
  'full_name',
  'photographs',
  'video',
  'audio',
  'before_after_images',
  'testimonial',
  'age',
  'city',
  'health_condition',
  'dates',
  'contact_details',
  'record_numbers',
] as const;
export type PhiKind = (typeof phiKinds)[number];

export const phiKindLabels: Record<PhiKind, string> = {
  patient_relationship: 'That the person is a patient',
  first_name: 'First name',
  full_name: 'Full name',
  photographs: 'Photographs (face or body)',
  video: 'Video',
  audio: 'Voice recording',
  before_after_images: 'Before-and-after images',
  testimonial: 'Their own words about their care',
  age: 'Age',
  city: 'City',
  health_condition: 'Condition or treatment',
  dates: 'Dates of care',
  contact_details: 'Contact details',
  record_numbers: 'Record or account numbers',
};

export const sensitivities = ['low', 'moderate', 'high'] as const;
export const sensitivityLabels: Record<(typeof sensitivities)[number], string> = {
  low: 'Low (no condition or treatment named)',
  moderate: 'Moderate',
  high: 'High (sensitive care, e.g. behavioral health, or identifiers beyond a name and face)',
};
export const viewedAnswers = ['yes', 'no', 'unknown'] as const;
export const probabilities = ['low', 'not_low'] as const;

const note = (max = 4000) => z.string().trim().max(max, `Use at most ${max.toLocaleString('en-US')} characters.`).default('');
const daySchema = z.string().refine(isDay, 'Use a date such as 2026-03-14.');

export const removalRequestSchema = z
  .object({
    platform: z.string().trim().min(2, 'Name the platform.').max(120),
    requestedOn: daySchema,
    reference: note(200),
    outcome: note(500),
  })
  .strict();

/**
 * The assessment as the privacy officer fills it in; it may be saved
 * incomplete and finished later. `assessmentProblems` says what is missing.
 */
export const assessmentSchema = z
  .object({
    identifiers: z.array(z.enum(phiKinds)).max(phiKinds.length).default([]),
    sensitivity: z.enum(sensitivities).nullable().default(null),
    natureNotes: note(),
    recipients: note(),
    viewed: z.enum(viewedAnswers).nullable().default(null),
    viewedEvidence: note(),
    takedownNotes: note(),
    removalRequests: z.array(removalRequestSchema).max(50).default([]),
    otherMitigation: note(),
    probability: z.enum(probabilities).nullable().default(null),
  })
  .strict();
export type Assessment = z.output<typeof assessmentSchema>;

export const emptyAssessment: Assessment = assessmentSchema.parse({});

export interface AssessmentProblem {
  path: keyof Assessment;
  message: string;
}

/** What is still missing before the assessment is complete: each factor answered, and the conclusion. */
export function assessmentProblems(a: Assessment): AssessmentProblem[] {
  const problems: AssessmentProblem[] = [];
  if (a.identifiers.length === 0) problems.push({ path: 'identifiers', message: 'Factor 1: tick the kinds of information that went out.' });
  if (!a.sensitivity) problems.push({ path: 'sensitivity', message: 'Factor 1: say how sensitive the information is.' });
  if (a.recipients.length < 5) problems.push({ path: 'recipients', message: 'Factor 2: say who could see it (for example, the public on the practice’s Facebook page).' });
  if (!a.viewed) problems.push({ path: 'viewed', message: 'Factor 3: say whether it was actually viewed or copied.' });
  else if (a.viewedEvidence.length < 5) problems.push({ path: 'viewedEvidence', message: 'Factor 3: give the evidence (views, comments, shares, or why it is unknown).' });
  if (a.takedownNotes.length < 5 && a.removalRequests.length === 0 && a.otherMitigation.length < 5) {
    problems.push({ path: 'takedownNotes', message: 'Factor 4: say how the risk was mitigated (take-down, removal requests, anything else).' });
  }
  if (!a.probability) problems.push({ path: 'probability', message: 'Conclude: is the probability that the information was compromised low, or not shown to be low?' });
  return problems;
}

// ---------------------------------------------------------------------------
// The decision, deadlines and closing
// ---------------------------------------------------------------------------

export const notificationDecisions = ['required', 'not_required'] as const;
export type NotificationDecision = (typeof notificationDecisions)[number];

export const decisionInputSchema = z
  .object({
    decision: z.enum(notificationDecisions, 'Choose whether notification is required.'),
    rationale: z.string().trim().min(20, 'Explain the decision in a sentence or two.').max(4000),
    affectedCount: z.number().int('Use a whole number.').min(1, 'At least one person is affected.').max(100_000_000),
    largestStateCount: z.number().int('Use a whole number.').min(0).max(100_000_000),
  })
  .strict()
  .refine((d) => d.largestStateCount <= d.affectedCount, {
    message: 'The residents of one state cannot be more than the people affected.',
    path: ['largestStateCount'],
  });
export type DecisionInput = z.output<typeof decisionInputSchema>;

/** Whether a decision may be recorded on this assessment: complete, and "not required" only after a low-probability conclusion. */
export function decisionProblems(assessment: Assessment | null, decision: NotificationDecision): string[] {
  if (!assessment) return ['Complete the four-factor risk assessment first.'];
  const missing = assessmentProblems(assessment);
  if (missing.length) return ['Complete the four-factor risk assessment first.', ...missing.map((p) => p.message)];
  if (decision === 'not_required' && assessment.probability !== 'low') {
    return ['An impermissible disclosure is presumed a breach: notification is required unless the assessment concludes that the probability of compromise is low.'];
  }
  return [];
}

export interface IncidentDeadlines {
  /** Notice to the individuals: 60 days after discovery. */
  individualBy: Day;
  /** Notice to prominent media: only when 500 or more residents of a state are affected. */
  mediaBy: Day | null;
  /** Notice to HHS: 60 days after discovery for 500 or more people, otherwise the yearly log. */
  hhsBy: Day;
  hhsYearly: boolean;
}

export function incidentDeadlines(input: { discoveredOn: Day; affectedCount: number; largestStateCount: number }): IncidentDeadlines {
  const individualBy = addDaysTo(input.discoveredOn, noticeDays);
  const large = input.affectedCount >= largeBreachThreshold;
  const yearEnd = `${input.discoveredOn.slice(0, 4)}-12-31`;
  return {
    individualBy,
    mediaBy: input.largestStateCount >= largeBreachThreshold ? individualBy : null,
    hhsBy: large ? individualBy : addDaysTo(yearEnd, noticeDays),
    hhsYearly: !large,
  };
}

export const noticeKinds = ['individual', 'media', 'hhs'] as const;
export type NoticeKind = (typeof noticeKinds)[number];
export const noticeKindLabels: Record<NoticeKind, string> = { individual: 'Individual(s)', media: 'Media', hhs: 'HHS' };

export interface IncidentFacts {
  state: IncidentState;
  discoveredOn: Day;
  assessmentComplete: boolean;
  decision: NotificationDecision | null;
  affectedCount: number;
  largestStateCount: number;
  notices: Record<NoticeKind, Day | null>;
  letters: number;
}

export interface IncidentClock {
  deadlines: IncidentDeadlines;
  /** Days until the individual notice deadline (negative once past). */
  daysLeft: number;
  /** What is past its deadline now, in words; empty when nothing is. */
  overdue: string[];
  /** The same, as facts the screens word in the staff member's language. */
  overdueItems: IncidentOverdue[];
  /** What is still to do, in words. */
  toDo: string[];
  toDoItems: IncidentStep[];
}

/** A deadline passed: the 60 days without a decision or without the individual notice, or the media or HHS notice. */
export type IncidentOverdue = { kind: 'decision' | 'individual_notice' | 'media_notice' | 'hhs_notice'; day: Day };

/** A step still to take on an incident; `day` is its deadline where it has one. */
export type IncidentStep =
  | { kind: 'assess' | 'decide' | 'produce_letter' | 'close' }
  | { kind: 'notify_individual' | 'notify_media' | 'notify_hhs' | 'log_hhs_yearly'; day: Day };

/** An overdue deadline in English, as the CLI, reports and bundle say it. */
export function incidentOverdueMessage(o: IncidentOverdue): string {
  switch (o.kind) {
    case 'decision':
      return `The ${noticeDays} days since discovery ended on ${o.day} without a documented decision.`;
    case 'individual_notice':
      return `The ${noticeDays} days since discovery ended on ${o.day} without notice to the individual.`;
    case 'media_notice':
      return `The media notice was due by ${o.day}.`;
    case 'hhs_notice':
      return `The notice to HHS was due by ${o.day}.`;
  }
}

/** A step still to take, in English. */
export function incidentStepMessage(step: IncidentStep): string {
  switch (step.kind) {
    case 'assess':
      return 'Complete the four-factor risk assessment.';
    case 'decide':
      return 'Decide whether notification is required.';
    case 'produce_letter':
      return 'Produce the notification letter.';
    case 'close':
      return 'Close the incident with its outcome.';
    case 'notify_individual':
      return `Notify the individual(s) by ${step.day}.`;
    case 'notify_media':
      return `Notify the media by ${step.day} (500 or more residents of a state).`;
    case 'notify_hhs':
      return `Notify HHS by ${step.day}.`;
    case 'log_hhs_yearly':
      return `Include it in the yearly breach log to HHS, due by ${step.day}.`;
  }
}

/**
 * Where an incident stands on `today`: its deadlines, and what is past due.
 * An open incident past its 60 days without a documented decision, or with
 * notification required and not given, is overdue; so is a media notice
 * (500 or more in a state) or an HHS notice past its day, even once the
 * incident is closed (the yearly HHS log comes after it).
 */
export function incidentClock(facts: IncidentFacts, today: Day): IncidentClock {
  const deadlines = incidentDeadlines(facts);
  const overdue: IncidentOverdue[] = [];
  const toDo: IncidentStep[] = [];
  const past = (day: Day) => today > day;
  const required = facts.decision === 'required';
  if (!facts.assessmentComplete) toDo.push({ kind: 'assess' });
  if (!facts.decision) toDo.push({ kind: 'decide' });
  if (facts.state === 'open' && past(deadlines.individualBy) && (!facts.decision || (required && !facts.notices.individual))) {
    overdue.push({ kind: facts.decision ? 'individual_notice' : 'decision', day: deadlines.individualBy });
  }
  if (required) {
    if (facts.letters === 0) toDo.push({ kind: 'produce_letter' });
    if (!facts.notices.individual) toDo.push({ kind: 'notify_individual', day: deadlines.individualBy });
    if (deadlines.mediaBy && !facts.notices.media) {
      toDo.push({ kind: 'notify_media', day: deadlines.mediaBy });
      if (past(deadlines.mediaBy)) overdue.push({ kind: 'media_notice', day: deadlines.mediaBy });
    }
    if (!facts.notices.hhs) {
      toDo.push({ kind: deadlines.hhsYearly ? 'log_hhs_yearly' : 'notify_hhs', day: deadlines.hhsBy });
      if (past(deadlines.hhsBy)) overdue.push({ kind: 'hhs_notice', day: deadlines.hhsBy });
    }
  }
  if (facts.state === 'open' && toDo.length === 0) toDo.push({ kind: 'close' });
  // A closed incident keeps only its HHS step: the yearly log comes after it.
  const toDoItems = facts.state === 'closed' ? toDo.filter((step) => step.kind === 'notify_hhs' || step.kind === 'log_hhs_yearly') : toDo;
  return {
    deadlines,
    daysLeft: daysBetween(today, deadlines.individualBy),
    overdue: overdue.map(incidentOverdueMessage),
    overdueItems: overdue,
    toDo: toDoItems.map(incidentStepMessage),
    toDoItems,
  };
}

/** What keeps an incident from closing: the assessment, the decision, and the notices it requires (the yearly HHS log may follow). */
export function closeProblems(facts: IncidentFacts): string[] {
  const problems: string[] = [];
  if (!facts.assessmentComplete) problems.push('Complete the four-factor risk assessment first.');
  if (!facts.decision) problems.push('Decide whether notification is required first.');
  if (facts.decision === 'required') {
    const deadlines = incidentDeadlines(facts);
    if (facts.letters === 0) problems.push('Produce the notification letter first.');
    if (!facts.notices.individual) problems.push('Record the day the individual(s) were notified first.');
    if (deadlines.mediaBy && !facts.notices.media) problems.push('Record the day the media were notified first (500 or more residents of a state).');
    if (!deadlines.hhsYearly && !facts.notices.hhs) problems.push('Record the day HHS was notified first (500 or more people).');
  }
  return problems;
}

export const noticeInputSchema = z
  .object({
    kind: z.enum(noticeKinds),
    on: daySchema,
    note: note(1000),
  })
  .strict();

export interface IncidentDocumentSummary {
  id: string;
  kind: 'report' | 'letter';
  language: string;
  createdAt: string;
  createdByName: string;
  sha256: string;
}

export interface IncidentPostSummary {
  id: string;
  channel: string;
  state: PostState;
  publishedAt: string | null;
  publishedUrl: string | null;
  takedownRequiredAt: string | null;
  takedownReason: string | null;
  takenDownAt: string | null;
  consentId: string | null;
  patientId: string;
  testimonialTitle: string;
  /** The language of the consent the post relied on: the patient's letter defaults to it. */
  consentLanguage: string | null;
  /** What the post used (content kinds), for the assessment's first factor. */
  contentKinds: string[];
}

export interface Incident {
  id: string;
  trigger: IncidentTrigger;
  state: IncidentState;
  openedAt: string;
  openedByName: string;
  discoveredOn: Day;
  discoveryNote: string;
  summary: string;
  post: IncidentPostSummary | null;
  /** The posted reply that was found, for a `phi_reply` incident. */
  reply: { checkId: string; text: string; channel: string; url: string; postedOn: Day | null } | null;
  patientId: string | null;
  /** The patient's name for the letter (administrators only see incidents). */
  patientName: string | null;
  assessment: Assessment | null;
  assessedAt: string | null;
  assessedByName: string | null;
  decision: NotificationDecision | null;
  decisionRationale: string | null;
  decidedAt: string | null;
  decidedByName: string | null;
  affectedCount: number;
  largestStateCount: number;
  notices: Record<NoticeKind, Day | null>;
  noticeNotes: Record<NoticeKind, string>;
  outcome: string | null;
  closedAt: string | null;
  closedByName: string | null;
  documents: IncidentDocumentSummary[];
  clock: IncidentClock;
}

/** The facts the clock and the closing rule read, from an incident. */
export function factsOf(i: Pick<Incident, 'state' | 'discoveredOn' | 'assessment' | 'decision' | 'affectedCount' | 'largestStateCount' | 'notices' | 'documents'>): IncidentFacts {
  return {
    state: i.state,
    discoveredOn: i.discoveredOn,
    assessmentComplete: i.assessment !== null && assessmentProblems(i.assessment).length === 0,
    decision: i.decision,
    affectedCount: i.affectedCount,
    largestStateCount: i.largestStateCount,
    notices: i.notices,
    letters: i.documents.filter((d) => d.kind === 'letter').length,
  };
}

/** The information kinds a post's content suggests for factor 1 (the officer confirms them). */
export function phiKindsOfContent(contentKinds: readonly string[]): PhiKind[] {
  const map: Record<string, PhiKind> = {
    written_testimonial: 'testimonial',
    first_name: 'first_name',
    full_name: 'full_name',
    photographs: 'photographs',
    video: 'video',
    audio: 'audio',
    before_after_images: 'before_after_images',
    age: 'age',
    city: 'city',
    health_condition: 'health_condition',
  };
  const kinds = new Set<PhiKind>(['patient_relationship']);
  for (const k of contentKinds) if (map[k]) kinds.add(map[k]);
  return phiKinds.filter((k) => kinds.has(k));
}
