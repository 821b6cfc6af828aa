import crypto from 'node:crypto';
import type { Language } from '../../../shared/authorization/scope';
import { daysBetween, type Day } from '../../../shared/calendar';
import { builtInPolicy, policyTextIn, type PolicyVersionText } from '../../../shared/program/policy';
import { programLanguages } from '../../../shared/program-language';
import { nextPeriod, periodOf, type ReviewFrequency, type ReviewPeriod } from '../../../shared/program/review-schedule';
import type { DemoContext, DemoSeeder } from '../demo-data';
import { demoPracticeName } from './demo-practice';

/**
 * The practice's compliance program in the demo, on the same clock as the
 * rest of its history: the privacy officer (the administrator) publishes
 * the social-media policy two days after the first patients sign, trains
 * everyone, and staff acknowledge it; six months ago the reviews of live
 * posts are scheduled (Facebook and Instagram monthly, the website
 * quarterly) and done, but for the last month of Facebook's; a new version
 * of the policy four months ago that one front-desk member never
 * acknowledged, and a refresher training he missed; the incident opened by
 * the revocation two months ago, assessed and closed, and the one opened
 * when Marcus's authorization expired with his post still up, open.
 * `consent-desk program status` exits 1 on this store: those items are
 * overdue.
 */

async function signInAs(ctx: DemoContext, username: string): Promise<void> {
  await ctx.api['session.signOut']({});
  await ctx.api['session.signIn']({ username, password: ctx.password });
}

const offsetOf = (ctx: DemoContext, day: Day) => daysBetween(ctx.clock.today, day);

async function acknowledge(ctx: DemoContext, username: string, language: Language): Promise<void> {
  await signInAs(ctx, username);
  const mine = await ctx.api['program.mine']({});
  const policy = mine.policy!;
  const textSha256 = crypto.createHash('sha256').update(policyTextIn(policy.text, language, mine.practiceName), 'utf8').digest('hex');
  await ctx.api['policy.acknowledge']({ versionId: policy.id, language, textSha256, password: ctx.password });
}

async function staffIds(ctx: DemoContext): Promise<Record<string, string>> {
  return Object.fromEntries((await ctx.api['staff.list']({})).filter((s) => s.status === 'active').map((s) => [s.username, s.id]));
}

/** The practice's own first version: the built-in policy, with a rule of its own. */
function firstVersion(): PolicyVersionText {
  const text = structuredClone(builtInPolicy);
  text.en.donts.push('Do not film or photograph in the treatment gym while patients are there.');
  text.es.donts.push('No grabe ni fotografíe en el gimnasio de tratamiento mientras haya pacientes.');
  return text;
}

/** Two days after the first authorizations: the policy, the first training, everyone's acknowledgment. */
const programBegins: DemoSeeder = async (ctx) => {
  ctx.clock.goTo(-398, '11:00');
  await signInAs(ctx, 'admin');
  await ctx.api['policy.publish']({ text: firstVersion() });
  const ids = await staffIds(ctx);
  await ctx.api['training.record']({
    heldOn: ctx.clock.day(-398),
    topic: 'Social media and patient privacy (new policy)',
    trainer: 'Dana Whitfield, privacy officer',
    notes: 'Walked through the policy and the Do’s and don’ts; everyone took the quiz.',
    attendeeIds: Object.values(ids),
    materials: [{ fileName: 'policy-training-notes.txt', base64: Buffer.from(trainingNotes, 'utf8').toString('base64') }],
  });
  for (const [username, language] of [['admin', 'en'], ['frontdesk', 'es'], ['marketing', 'en'], ['jpark', 'en']] as const) await acknowledge(ctx, username, language);
};

const trainingNotes = `Social media and patient privacy: training notes
- What counts as patient information, with examples from our own pages.
- Posting a patient only with an authorization Consent Desk says covers the post.
- Replying to reviews: thank, stay general, invite a call. Check every reply first.
- Comments that share patient information: hide, note, never reply with details.
- A mistake: take it down and tell the privacy officer the same day.
`;

interface PlannedReview {
  channel: string;
  scheduleId: string;
  period: ReviewPeriod;
  /** The day it is due to be done (the period's last day), or null: missed. */
  doneOn: Day | null;
  /** Done already, by an earlier chapter. */
  done?: boolean;
}

const schedules: { channel: string; frequency: ReviewFrequency; assignee: string }[] = [
  { channel: 'facebook', frequency: 'monthly', assignee: 'marketing' },
  { channel: 'instagram', frequency: 'monthly', assignee: 'marketing' },
  { channel: 'website', frequency: 'quarterly', assignee: 'admin' },
];

/** Every period from the schedule's start to yesterday, with the day its review is done (or not). */
function plannedReviews(ctx: DemoContext, scheduleId: string, channel: string, frequency: ReviewFrequency, startsOn: Day): PlannedReview[] {
  const yesterday = ctx.clock.day(-1);
  const periods: ReviewPeriod[] = [];
  for (let p = periodOf(startsOn, frequency); p.end <= yesterday; p = nextPeriod(p, frequency)) periods.push(p);
  return periods.map((period, i) => {
    // Facebook's last month was missed: the month Marcus's expired post stayed up.
    const missed = channel === 'facebook' && i === periods.length - 1;
    return { channel, scheduleId, period, doneOn: missed ? null : period.end };
  });
}

/** Whether a comment was removed yet: the first Facebook review with a live post notes one. */
let commentRemoved = false;

async function doReview(ctx: DemoContext, review: PlannedReview, username: string, on: Day): Promise<void> {
  await signInAs(ctx, username);
  const checklist = await ctx.api['channelReviews.checklist']({ scheduleId: review.scheduleId, periodStart: review.period.start });
  const removed = !commentRemoved && review.channel === 'facebook' && checklist.posts.length > 0;
  commentRemoved ||= removed;
  await ctx.api['channelReviews.complete']({
    scheduleId: review.scheduleId,
    periodStart: review.period.start,
    confirmations: checklist.posts.map((post) =>
      post.covered
        ? { postId: post.id, outcome: 'still_covered' as const, note: '' }
        : { postId: post.id, outcome: 'action_taken' as const, note: 'Consent Desk says this post must come down; told the privacy officer.' },
    ),
    removedComments: removed ? [{ postId: checklist.posts[0]!.id, removedOn: on, note: 'A visitor named a patient and her treatment in a comment; hidden, no reply.' }] : [],
    notes: '',
  });
}

/** The reviews whose day falls in [fromOffset, toOffset], in order, each on its day; the rest wait for the next chapter. */
async function reviewsBetween(ctx: DemoContext, planned: PlannedReview[], fromOffset: number, toOffset: number): Promise<void> {
  const assignee = new Map(schedules.map((s) => [s.channel, s.assignee]));
  const due = planned
    .filter((r) => r.doneOn !== null && !r.done)
    .map((r) => ({ review: r, offset: Math.max(offsetOf(ctx, r.doneOn!), fromOffset) }))
    .filter(({ offset }) => offset <= toOffset)
    .sort((a, b) => a.offset - b.offset);
  let sameDay = 0;
  for (const [i, { review, offset }] of due.entries()) {
    // Several reviews on one day: one after the other, from four in the afternoon.
    sameDay = i > 0 && due[i - 1]!.offset === offset ? sameDay + 1 : 0;
    ctx.clock.goTo(offset, `${16 + Math.floor(sameDay / 3)}:${String((sameDay % 3) * 20).padStart(2, '0')}`);
    await doReview(ctx, review, assignee.get(review.channel)!, ctx.clock.day(offset));
    review.done = true;
  }
}

let planned: PlannedReview[] = [];

/**
 * Six months ago to just before the revocation: the reviews are scheduled
 * and done; the policy gets its second version (four months ago) and a
 * refresher training with the quiz follows. Jordan Park misses both.
 */
const programYear: DemoSeeder = async (ctx) => {
  ctx.clock.goTo(-180, '09:00');
  await signInAs(ctx, 'admin');
  const ids = await staffIds(ctx);
  planned = [];
  commentRemoved = false;
  for (const s of schedules) {
    const schedule = await ctx.api['channelReviews.setSchedule']({ channel: s.channel, frequency: s.frequency, assigneeId: ids[s.assignee]!, startsOn: ctx.clock.day(-180), active: true });
    planned.push(...plannedReviews(ctx, schedule.id, s.channel, s.frequency, schedule.startsOn));
  }
  await reviewsBetween(ctx, planned, -179, -121);

  ctx.clock.goTo(-120, '10:00');
  await signInAs(ctx, 'admin');
  const second = firstVersion();
  second.en.dos.push('Use the “Ask before posting” button when a post shows a patient’s face.');
  second.es.dos.push('Use el botón “Preguntar antes de publicar” cuando una publicación muestre la cara de un paciente.');
  await ctx.api['policy.publish']({ text: second });
  for (const [username, language] of [['admin', 'en'], ['frontdesk', 'es'], ['marketing', 'en']] as const) await acknowledge(ctx, username, language);

  await reviewsBetween(ctx, planned, -119, -101);
  ctx.clock.goTo(-100, '13:30');
  await signInAs(ctx, 'admin');
  await ctx.api['training.record']({
    heldOn: ctx.clock.day(-100),
    topic: 'Refresher: replying to reviews and watching comments',
    trainer: 'Dana Whitfield, privacy officer',
    notes: 'Jordan Park was on leave.',
    attendeeIds: [ids.admin!, ids.frontdesk!, ids.marketing!],
    materials: [],
  });
  const right = (language: Language) => Object.fromEntries(programLanguages[language].quiz.questions.map((q) => [q.id, q.answer]));
  await signInAs(ctx, 'marketing');
  await ctx.api['quiz.submit']({ language: 'en', answers: right('en') });
  await signInAs(ctx, 'frontdesk');
  await ctx.api['quiz.submit']({ language: 'es', answers: { ...right('es'), deadline: 0 } });
  await reviewsBetween(ctx, planned, -99, -61);
};

/** Two days after the revocation: the privacy officer assesses its incident, finds a low probability of compromise, and closes it. */
const revocationIncidentClosed: DemoSeeder = async (ctx) => {
  ctx.clock.goTo(-58, '10:00');
  await signInAs(ctx, 'admin');
  const incident = (await ctx.api['incidents.list']({})).find((i) => i.state === 'open' && i.post?.channel === 'instagram');
  if (!incident) throw new Error('Demo data: the revocation opened no incident.');
  await ctx.api['incidents.assess']({
    id: incident.id,
    assessment: {
      identifiers: ['patient_relationship', 'first_name', 'full_name', 'photographs', 'testimonial'],
      sensitivity: 'low',
      natureNotes: 'His own story and photo, which he had authorized for a year before revoking.',
      recipients: 'The public on the practice’s Instagram account; it had been public for a year, with his consent.',
      viewed: 'unknown',
      viewedEvidence: 'Instagram shows no views for the day between the revocation’s receipt and the take-down.',
      takedownNotes: 'Taken down the morning after the revocation was recorded, two days after it arrived.',
      removalRequests: [],
      otherMitigation: 'Front desk reminded to enter revocations the day they arrive.',
      probability: 'low',
    },
  });
  await ctx.api['incidents.decide']({
    id: incident.id,
    decision: {
      decision: 'not_required',
      rationale: 'Material he had authorized, public for a year, left up two days after his revocation arrived and removed: a low probability that his information was compromised.',
      affectedCount: 1,
      largestStateCount: 1,
    },
  });
  await ctx.api['incidents.produceReport']({ id: incident.id, language: 'en' });
  await ctx.api['incidents.close']({ id: incident.id, outcome: 'No notification required (low probability, documented). Revocations are now entered the day they arrive.' });
  ctx.report.push('', `Incident ${incident.id}: the revocation’s post, assessed and closed (no notification required).`);
};

/** From then to yesterday: the remaining reviews (Facebook’s last month is missed), and two review replies checked. */
const programLately: DemoSeeder = async (ctx) => {
  await reviewsBetween(ctx, planned, -57, -10);
  ctx.clock.goTo(-9, '11:20');
  await signInAs(ctx, 'marketing');
  await ctx.api['replies.check']({ text: 'Thank you for the kind words! We are always happy to help; please call our office with any questions.' });
  await ctx.api['replies.check']({ text: 'So glad your knee replacement went well, Walter! See you at your next appointment.' });
  await reviewsBetween(ctx, planned, -8, -1);
};

/** Today: marketing asks before posting Sofía's story; the privacy officer starts on the open incident. */
const programToday: DemoSeeder = async (ctx) => {
  await signInAs(ctx, 'marketing');
  const sofia = ctx.records.posts['sofia-website'];
  if (sofia) await ctx.api['postReviews.message']({ postId: sofia.id, kind: 'request', body: 'Sofía is 15 and her mother signed. May we post this on the website?' });
  await signInAs(ctx, 'admin');
  const open = (await ctx.api['incidents.list']({})).find((i) => i.state === 'open');
  if (open) {
    await ctx.api['incidents.assess']({
      id: open.id,
      assessment: {
        identifiers: ['patient_relationship', 'first_name', 'photographs', 'testimonial'],
        sensitivity: 'low',
        natureNotes: '',
        recipients: 'The public on the practice’s Facebook page.',
        viewed: null,
        viewedEvidence: '',
        takedownNotes: '',
        removalRequests: [],
        otherMitigation: '',
        probability: null,
      },
    });
  }
  const status = await ctx.api['program.status']({});
  ctx.report.push(
    '',
    `Compliance program (${demoPracticeName}): policy version ${status.policy.version}, ${status.staff.length} active staff, ${status.reviews.length} channels reviewed on a schedule,`,
    `${status.incidents.length} incident(s) open. Overdue today (consent-desk program status exits 1):`,
    ...status.problems.map((p) => `  - ${p}`),
  );
};

export const programChapters = { programBegins, programYear, revocationIncidentClosed, programLately, programToday };
