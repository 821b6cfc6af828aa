import { z } from 'zod';
import type { FilePayload } from '../authorization/record';
import { languages } from '../authorization/scope';
import { isDay } from '../calendar';
import type { ReplyCheck } from '../posts/review-reply';
import type { AcknowledgmentStatus } from '../program/acknowledgment';
import { assessmentSchema, decisionInputSchema, noticeInputSchema, type Incident } from '../program/incident';
import { policyVersionTextSchema, type PolicyDraft, type PolicyVersion, type PolicyVersionText } from '../program/policy';
import { postReviewDecisionSchema, postReviewRequestSchema, type PostReviewQueueItem, type PostReviewThread } from '../program/post-review';
import type { ComplianceProgramReport } from '../program/program-report';
import type { ProgramStatus, StaffProgramStatus } from '../program/program-status';
import type { QuizForm, QuizOutcome } from '../program/quiz';
import {
  channelReviewInputSchema,
  reviewScheduleInputSchema,
  type ChannelReview,
  type PeriodStatus,
  type ReviewChecklistPost,
  type ReviewSchedule,
} from '../program/review-schedule';
import {
  trainingCycleMonthsSchema,
  trainingMaterialSchema,
  trainingSessionInputSchema,
  type StaffTraining,
  type TrainingSession,
  type TrainingStatus,
  type QuizResultSummary,
} from '../program/training';
import { call, returns } from './define';
import { noInput } from './no-input';

const daySchema = z.string().refine(isDay, 'Use a date such as 2026-01-31.');
const languageSchema = z.enum(languages, 'Choose English or Spanish.');
const incidentIdSchema = z.uuid('Unknown incident.');
const range = z
  .object({ from: daySchema, to: daySchema })
  .strict()
  .refine((r) => r.from <= r.to, { message: 'The range must start on or before its last day.', path: ['to'] });

/** What the signed-in person owes the program, and what needs their attention. */
export interface MyProgram {
  practiceName: string;
  /** The policy in force (both languages), or null before the first is published. */
  policy: PolicyVersion | null;
  acknowledgment: AcknowledgmentStatus;
  training: TrainingStatus;
  lastQuiz: QuizResultSummary | null;
  /** Reviews of live posts due or missed: the person's own, or every channel's for those who manage the program. */
  reviews: { scheduleId: string; channel: string; assigneeName: string; period: PeriodStatus }[];
  /** For those who handle incidents: how many are open, and how many have something past its deadline. */
  incidents: { open: number; overdue: number } | null;
  /** For those who answer them: requests waiting to be reviewed. */
  postReviewsWaiting: number | null;
}

export interface PolicyAdmin {
  versions: PolicyVersion[];
  draft: PolicyDraft | null;
  builtIn: PolicyVersionText;
  staff: StaffProgramStatus[];
}

export interface TrainingOverview {
  cycleMonths: number;
  sessions: TrainingSession[];
  staff: StaffTraining[];
  /** Active staff, to choose attendees from. */
  people: { id: string; displayName: string; role: string }[];
}

export interface ChannelReviewsOverview {
  today: string;
  schedules: ReviewSchedule[];
  /** Who may be assigned a channel (administrators and marketing). */
  assignable: { id: string; displayName: string; role: string }[];
  /** Channels with a live post, scheduled or not. */
  liveChannels: string[];
  canManage: boolean;
}

export interface ReviewChecklist {
  schedule: ReviewSchedule;
  period: PeriodStatus;
  posts: ReviewChecklistPost[];
  review: ChannelReview | null;
}

export interface KeptReplyCheckView {
  id: string;
  checkedAt: string;
  checkedByName: string;
  reply: string;
  decision: 'flag' | 'pass';
  findings: { kind: string; label: string }[];
}

/**
 * The practice's social-media compliance program: the policy and its
 * acknowledgments, training and the quiz, asking before posting, the
 * scheduled reviews of live posts, incidents under the breach rule, and the
 * program's status and report.
 */
export const programCalls = {
  'program.mine': call({
    summary: 'What the signed-in person owes the program (policy acknowledgment, training) and what needs their attention.',
    access: 'session',
    input: noInput,
    output: returns<MyProgram>(),
  }),
  'policy.acknowledge': call({
    summary: 'Acknowledge the policy in force, having read it to the end, confirmed with your password.',
    access: 'session',
    input: z
      .object({
        versionId: z.uuid('That version of the policy does not exist.'),
        language: languageSchema,
        /** SHA-256 of the policy text as it was on screen. */
        textSha256: z.string().regex(/^[0-9a-f]{64}$/, 'The policy on screen could not be identified; reload it.'),
        password: z.string().min(1, 'Enter your password to confirm.').max(256),
      })
      .strict(),
    output: returns<AcknowledgmentStatus>(),
  }),
  'policy.admin': call({
    summary: 'Every published version of the social-media policy, the draft, the built-in policy, and each person’s acknowledgment.',
    access: 'program.manage',
    input: noInput,
    output: returns<PolicyAdmin>(),
  }),
  'policy.saveDraft': call({
    summary: 'Keep the draft of the next version of the policy.',
    access: 'program.manage',
    input: z.object({ text: policyVersionTextSchema }).strict(),
    output: returns<PolicyDraft>(),
  }),
  'policy.publish': call({
    summary: 'Publish the draft as the next version of the policy: staff acknowledge it at their next sign-in.',
    access: 'program.manage',
    input: z.object({ text: policyVersionTextSchema }).strict(),
    output: returns<PolicyVersion>(),
  }),
  'policy.pdf': call({
    summary: 'A published version of the policy in one language as a signed PDF.',
    access: 'session',
    input: z.object({ versionId: z.uuid('That version of the policy does not exist.'), language: languageSchema }).strict(),
    output: returns<FilePayload>(),
  }),

  'training.overview': call({
    summary: 'Training sessions, each person’s training status by the practice’s cycle, and their last quiz.',
    access: 'training.manage',
    input: noInput,
    output: returns<TrainingOverview>(),
  }),
  'training.record': call({
    summary: 'Record a training session: date, topic, trainer, attendees, and materials (stored encrypted).',
    access: 'training.manage',
    input: trainingSessionInputSchema,
    output: returns<TrainingSession>(),
  }),
  'training.addMaterial': call({
    summary: 'Attach one more material to a training session.',
    access: 'training.manage',
    input: z.object({ sessionId: z.uuid('Unknown training session.'), material: trainingMaterialSchema }).strict(),
    output: returns<TrainingSession>(),
  }),
  'training.material': call({
    summary: 'A training material as stored.',
    access: 'training.manage',
    input: z.object({ id: z.uuid('Unknown material.') }).strict(),
    output: returns<FilePayload>(),
  }),
  'training.void': call({
    summary: 'Mark a session recorded by mistake as void, with the reason (it stays on record and counts for nobody).',
    access: 'training.manage',
    input: z
      .object({ id: z.uuid('Unknown training session.'), reason: z.string().trim().min(5, 'Say why the session is void.').max(1000) })
      .strict(),
    output: returns<TrainingSession>(),
  }),
  'training.setCycle': call({
    summary: 'How often each person is trained again, in months.',
    access: 'training.manage',
    input: z.object({ cycleMonths: trainingCycleMonthsSchema }).strict(),
    output: returns<{ cycleMonths: number }>(),
  }),
  'quiz.form': call({
    summary: 'The social-media policy quiz in a language, without its answers.',
    access: 'session',
    input: z.object({ language: languageSchema }).strict(),
    output: returns<QuizForm>(),
  }),
  'quiz.submit': call({
    summary: 'Hand in the quiz: it is scored and the result recorded.',
    access: 'session',
    input: z
      .object({
        language: languageSchema,
        answers: z.record(z.string().max(64), z.number().int().min(0).max(20)).refine((a) => Object.keys(a).length <= 50, 'Too many answers.'),
      })
      .strict(),
    output: returns<QuizOutcome>(),
  }),

  'postReviews.thread': call({
    summary: 'The “ask before posting” thread of a post.',
    access: 'posts.read',
    input: z.object({ postId: z.uuid('Unknown post.') }).strict(),
    output: returns<PostReviewThread>(),
  }),
  'postReviews.message': call({
    summary: 'Send a draft post to the privacy officer for review, or add a comment to its thread.',
    access: 'posts.write',
    input: postReviewRequestSchema,
    output: returns<PostReviewThread>(),
  }),
  'postReviews.decide': call({
    summary: 'The privacy officer approves, declines or comments on a post sent for review.',
    access: 'postReviews.decide',
    input: postReviewDecisionSchema,
    output: returns<PostReviewThread>(),
  }),
  'postReviews.queue': call({
    summary: 'Posts sent for review, those waiting first.',
    access: 'postReviews.decide',
    input: noInput,
    output: returns<PostReviewQueueItem[]>(),
  }),

  'channelReviews.overview': call({
    summary: 'Each channel’s review schedule with its periods done, due and missed.',
    access: 'channelReviews.perform',
    input: noInput,
    output: returns<ChannelReviewsOverview>(),
  }),
  'channelReviews.setSchedule': call({
    summary: 'Schedule the reviews of a channel: how often, who reviews it, from when (or stop them).',
    access: 'program.manage',
    input: reviewScheduleInputSchema,
    output: returns<ReviewSchedule>(),
  }),
  'channelReviews.checklist': call({
    summary: 'What a period’s review asks: every post live on the channel with its consent status today.',
    access: 'channelReviews.perform',
    input: z.object({ scheduleId: z.uuid('Unknown review schedule.'), periodStart: daySchema }).strict(),
    output: returns<ReviewChecklist>(),
  }),
  'channelReviews.complete': call({
    summary: 'Record a review: a confirmation for each live post, and each comment removed because it held patient information.',
    access: 'channelReviews.perform',
    input: channelReviewInputSchema,
    output: returns<ChannelReview>(),
  }),
  'channelReviews.replyChecks': call({
    summary: 'The review-reply checker’s kept results over a range.',
    access: 'channelReviews.perform',
    input: range,
    output: returns<KeptReplyCheckView[]>(),
  }),
  'channelReviews.reportReply': call({
    summary: 'Check a reply found posted on a channel; if it discloses patient information, an incident opens with it.',
    access: 'channelReviews.perform',
    input: z
      .object({
        text: z.string().trim().min(1, 'Paste the reply as it is posted.').max(5000),
        channel: z.string().trim().min(1, 'Say where it is posted.').max(120),
        url: z.union([z.literal(''), z.url('Enter the reply’s address, or leave it empty.').max(2000)]).default(''),
        postedOn: daySchema.nullable().default(null),
      })
      .strict(),
    output: returns<{ check: ReplyCheck; incidentId: string | null }>(),
  }),

  'incidents.list': call({
    summary: 'Every incident with its 60-day clock, open ones first.',
    access: 'incidents.manage',
    input: noInput,
    output: returns<Incident[]>(),
  }),
  'incidents.get': call({
    summary: 'One incident: what happened, the assessment, the decision, the notices and the documents.',
    access: 'incidents.manage',
    input: z.object({ id: incidentIdSchema }).strict(),
    output: returns<Incident>(),
  }),
  'incidents.open': call({
    summary: 'Open an incident by hand: something went out that Consent Desk did not see.',
    access: 'incidents.manage',
    input: z
      .object({
        summary: z.string().trim().min(10, 'Say what went out, where and when, in a sentence or two.').max(4000),
        discoveredOn: daySchema,
        postId: z.uuid('Unknown post.').nullable().default(null),
        patientId: z.uuid('Unknown patient.').nullable().default(null),
      })
      .strict(),
    output: returns<Incident>(),
  }),
  'incidents.correctDiscovery': call({
    summary: 'Set an earlier discovery day, with the reason (the 60 days run from it; never later than recorded).',
    access: 'incidents.manage',
    input: z.object({ id: incidentIdSchema, discoveredOn: daySchema, reason: z.string().trim().min(10, 'Say why it was known earlier.').max(1000) }).strict(),
    output: returns<Incident>(),
  }),
  'incidents.assess': call({
    summary: 'Save the four-factor risk assessment (164.402(2)); it may be saved incomplete.',
    access: 'incidents.manage',
    input: z.object({ id: incidentIdSchema, assessment: assessmentSchema, patientId: z.uuid('Unknown patient.').nullable().optional() }).strict(),
    output: returns<Incident>(),
  }),
  'incidents.decide': call({
    summary: 'Record whether notification is required, why, and how many people are affected.',
    access: 'incidents.manage',
    input: z.object({ id: incidentIdSchema, decision: decisionInputSchema }).strict(),
    output: returns<Incident>(),
  }),
  'incidents.produceReport': call({
    summary: 'Produce the signed incident report as it stands (every version is kept).',
    access: 'incidents.manage',
    input: z.object({ id: incidentIdSchema, language: languageSchema.default('en') }).strict(),
    output: returns<Incident>(),
  }),
  'incidents.produceLetter': call({
    summary: 'Produce the signed notification letter to the patient, in English or Spanish.',
    access: 'incidents.manage',
    input: z
      .object({
        id: incidentIdSchema,
        language: languageSchema,
        /** When no patient is linked (a reply about someone), who the letter is to. */
        recipientName: z.string().trim().max(200).default(''),
        addressLines: z.string().trim().max(400, 'Use at most 400 characters.').default(''),
      })
      .strict(),
    output: returns<Incident>(),
  }),
  'incidents.document': call({
    summary: 'A signed incident report or letter as produced.',
    access: 'incidents.manage',
    input: z.object({ id: z.uuid('Unknown document.') }).strict(),
    output: returns<FilePayload>(),
  }),
  'incidents.recordNotice': call({
    summary: 'Record the day a notice went to the individual(s), the media or HHS.',
    access: 'incidents.manage',
    input: noticeInputSchema.extend({ id: incidentIdSchema }).strict(),
    output: returns<Incident>(),
  }),
  'incidents.close': call({
    summary: 'Close an incident with its outcome, once its assessment, decision and required notices are recorded.',
    access: 'incidents.manage',
    input: z.object({ id: incidentIdSchema, outcome: z.string().trim().min(10, 'Write the outcome in a sentence or two.').max(4000) }).strict(),
    output: returns<Incident>(),
  }),

  'program.status': call({
    summary: 'Where the program stands today: acknowledgments, training, reviews and open incidents, with everything overdue.',
    access: 'program.manage',
    input: noInput,
    output: returns<ProgramStatus>(),
  }),
  'program.report': call({
    summary: 'The compliance program over an audit period: policy versions and acknowledgments, training, reviews done and missed, incidents.',
    access: 'audit.read',
    input: range,
    output: returns<ComplianceProgramReport>(),
  }),
  'program.reportPdf': call({
    summary: 'The compliance program report for a period as a signed PDF.',
    access: 'audit.read',
    input: range,
    output: returns<FilePayload>(),
  }),
} as const;
