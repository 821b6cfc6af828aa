import { z } from 'zod';
import { addDaysTo, daysBetween, isDay, type Day } from '../calendar';
import { postChannelSchema } from '../posts/post';
import { addMonthsTo } from './program-days';

/**
 * Scheduled reviews of what is live (the seed guide's monitoring): each
 * channel is reviewed once per period by the person assigned to it, who
 * confirms every live post and notes any comment removed because it held
 * patient information. Periods follow the calendar: weeks from Monday,
 * months, or quarters (January, April, July, October); monthly by default.
 * A period's review is due by its last day.
 */
export const reviewFrequencies = ['weekly', 'monthly', 'quarterly'] as const;
export type ReviewFrequency = (typeof reviewFrequencies)[number];
export const defaultReviewFrequency: ReviewFrequency = 'monthly';

export const reviewFrequencyLabels: Record<ReviewFrequency, string> = {
  weekly: 'Every week',
  monthly: 'Every month',
  quarterly: 'Every quarter',
};

export interface ReviewPeriod {
  start: Day;
  /** The last day of the period: the review is due by then. */
  end: Day;
}

/** The period holding `day`. */
export function periodOf(day: Day, frequency: ReviewFrequency): ReviewPeriod {
  const [y, m] = day.split('-').map(Number) as [number, number];
  if (frequency === 'weekly') {
    // 2024-01-01 was a Monday; whole days from it, modulo 7, give the weekday.
    const offset = ((daysBetween('2024-01-01', day) % 7) + 7) % 7;
    const start = addDaysTo(day, -offset);
    return { start, end: addDaysTo(start, 6) };
  }
  const months = frequency === 'monthly' ? 1 : 3;
  const firstMonth = frequency === 'monthly' ? m : Math.floor((m - 1) / 3) * 3 + 1;
  const start = `${String(y).padStart(4, '0')}-${String(firstMonth).padStart(2, '0')}-01`;
  return { start, end: addDaysTo(addMonthsTo(start, months), -1) };
}

/** The period after `period`. */
export function nextPeriod(period: ReviewPeriod, frequency: ReviewFrequency): ReviewPeriod {
  return periodOf(addDaysTo(period.end, 1), frequency);
}

export type PeriodState = 'done' | 'done_late' | 'due' | 'missed' | 'upcoming';

export const periodStateLabels: Record<PeriodState, string> = {
  done: 'Done',
  done_late: 'Done late',
  due: 'Due',
  missed: 'Missed',
  upcoming: 'Upcoming',
};

export interface PeriodStatus extends ReviewPeriod {
  state: PeriodState;
  /** The completed review of the period, if any. */
  reviewId: string | null;
  completedOn: Day | null;
}

/** How far back the schedule's periods are listed (and counted as missed). */
export const reviewHistoryPeriods = 24;

/**
 * Every period of a schedule from the one holding its first day up to the
 * current one (at most the last `reviewHistoryPeriods`), each with its
 * state on `today`: `done` by its last day, `done_late` after it, `missed`
 * once its last day passed without a review, `due` while it is the current
 * one. A late review clears a missed period: it is then `done_late`, and
 * no longer overdue.
 */
export function schedulePeriods(input: {
  frequency: ReviewFrequency;
  startsOn: Day;
  today: Day;
  reviews: readonly { id: string; periodStart: Day; completedOn: Day }[];
  /** Up to which day the schedule ran (null: still running). */
  endsOn?: Day | null;
}): PeriodStatus[] {
  const { frequency, today } = input;
  const last = input.endsOn && input.endsOn < today ? input.endsOn : today;
  if (input.startsOn > last) return [];
  const byStart = new Map(input.reviews.map((r) => [r.periodStart, r]));
  const periods: PeriodStatus[] = [];
  for (let p = periodOf(input.startsOn, frequency); p.start <= last; p = nextPeriod(p, frequency)) {
    const review = byStart.get(p.start);
    let state: PeriodState;
    if (review) state = review.completedOn <= p.end ? 'done' : 'done_late';
    else if (today > p.end) state = 'missed';
    else state = 'due';
    periods.push({ ...p, state, reviewId: review?.id ?? null, completedOn: review?.completedOn ?? null });
    if (periods.length > reviewHistoryPeriods) periods.shift();
  }
  return periods;
}

/** Periods that are overdue now: missed and not yet reviewed. */
export function missedPeriods(periods: readonly PeriodStatus[]): PeriodStatus[] {
  return periods.filter((p) => p.state === 'missed');
}

export const reviewScheduleInputSchema = z
  .object({
    channel: postChannelSchema,
    frequency: z.enum(reviewFrequencies).default(defaultReviewFrequency),
    assigneeId: z.uuid('Choose who reviews this channel.'),
    startsOn: z.string().refine(isDay, 'Use a date such as 2026-01-01.'),
    active: z.boolean().default(true),
  })
  .strict();

export interface ReviewSchedule {
  id: string;
  channel: string;
  frequency: ReviewFrequency;
  assigneeId: string;
  assigneeName: string;
  startsOn: Day;
  active: boolean;
  /** The day it was turned off, if it was. */
  endedOn: Day | null;
  periods: PeriodStatus[];
}

/** The review a period asks for: one confirmation per live post, and removed comments. */
export const postConfirmationOutcomes = ['still_covered', 'action_taken'] as const;
export type PostConfirmationOutcome = (typeof postConfirmationOutcomes)[number];
export const postConfirmationLabels: Record<PostConfirmationOutcome, string> = {
  still_covered: 'Checked: as approved, comments fine',
  action_taken: 'Checked: something needed action (say what)',
};

export const channelReviewInputSchema = z
  .object({
    scheduleId: z.uuid('Unknown review schedule.'),
    periodStart: z.string().refine(isDay, 'Use a date such as 2026-01-01.'),
    confirmations: z
      .array(
        z
          .object({
            postId: z.uuid('Unknown post.'),
            outcome: z.enum(postConfirmationOutcomes, 'Confirm each post.'),
            note: z.string().trim().max(2000, 'Use at most 2,000 characters.').default(''),
          })
          .strict()
          .refine((c) => c.outcome !== 'action_taken' || c.note.length >= 5, { message: 'Say what needed action.', path: ['note'] }),
      )
      .max(5000),
    removedComments: z
      .array(
        z
          .object({
            postId: z.uuid('Unknown post.').nullable().default(null),
            removedOn: z.string().refine(isDay, 'Use a date such as 2026-01-31.'),
            note: z.string().trim().min(5, 'Describe what the comment held, without copying it.').max(2000, 'Use at most 2,000 characters.'),
          })
          .strict(),
      )
      .max(200, 'Note at most 200 removed comments in one review.')
      .default([]),
    notes: z.string().trim().max(4000, 'Use at most 4,000 characters.').default(''),
  })
  .strict();
export type ChannelReviewInput = z.output<typeof channelReviewInputSchema>;

/** What a review must confirm: every post live on the channel when it is done, each once. */
export function confirmationProblems(livePostIds: readonly string[], confirmations: readonly { postId: string }[]): string[] {
  const given = new Map<string, number>();
  for (const c of confirmations) given.set(c.postId, (given.get(c.postId) ?? 0) + 1);
  const problems: string[] = [];
  const missing = livePostIds.filter((id) => !given.has(id));
  if (missing.length) problems.push(`Confirm every live post: ${missing.length} ${missing.length === 1 ? 'is' : 'are'} not confirmed.`);
  const live = new Set(livePostIds);
  const extra = [...given.keys()].filter((id) => !live.has(id));
  if (extra.length) problems.push(`${extra.length} confirmed post(s) are not live on this channel.`);
  if ([...given.values()].some((n) => n > 1)) problems.push('A post is confirmed twice.');
  return problems;
}

export interface ChannelReview {
  id: string;
  scheduleId: string;
  channel: string;
  periodStart: Day;
  periodEnd: Day;
  completedAt: string;
  completedOn: Day;
  completedByName: string;
  notes: string;
  confirmations: { postId: string; outcome: PostConfirmationOutcome; note: string; coveredWhenReviewed: boolean; consentStatus: string }[];
  removedComments: { postId: string | null; removedOn: Day; note: string }[];
}

/** One live post on the checklist: what it is and where its consent stands today. */
export interface ReviewChecklistPost {
  id: string;
  channel: string;
  state: string;
  publishedAt: string | null;
  publishedUrl: string | null;
  caption: string;
  testimonialTitle: string;
  covered: boolean;
  consentStatus: string;
  reasons: string[];
}

/** The first day reviews are expected for a channel scheduled today: the current period. */
export function defaultStartsOn(today: Day, frequency: ReviewFrequency): Day {
  return periodOf(today, frequency).start;
}
