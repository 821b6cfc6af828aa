import { statusLabels } from '../../../shared/authorization/status';
import type { Day } from '../../../shared/calendar';
import { missedPeriods, type ReviewChecklistPost, type ReviewSchedule } from '../../../shared/program/review-schedule';
import { withProblems, type ProgramStatus } from '../../../shared/program/program-status';
import { judgedOf, type CheckContext } from '../posts/post-checks';
import { scopeViewIn, verdictIn } from '../posts/post-checks-engine';
import type { StoredSchedule } from '../repositories/channel-review-repository';
import type { SharedRecords } from '../store-engine/store-engine';
import type { AcknowledgmentStatus } from '../../../shared/program/acknowledgment';
import { acknowledgmentOn, liveStates, scheduleViewOf, staffProgramStatusesIn, trainingCycleMonthsIn } from './program-queries';

/**
 * The channel reviews', the policy's and the program status's queries of `program-queries.ts` on the store engine
 * (issue 15, switch-over step 3): the same answers, read through the
 * engine's records in the caller's transaction `tx`. On PostgreSQL a post's
 * channel and caption are sealed, so the live posts are opened on the
 * workstation and filtered, ordered and made distinct there, as SQLite does.
 */

type Records = SharedRecords<unknown>;

/** One person's acknowledgment of the policy in force on `asOf` (the training cycle and everyone's statuses: `program-queries.ts`'s `*In`). */
export async function acknowledgmentIn(records: Records, tx: unknown, staffId: string, asOf: Day, timeZone: string): Promise<AcknowledgmentStatus> {
  const policy = records.program.policy;
  return acknowledgmentOn(await policy.listPolicyVersions(tx, timeZone), await policy.listAcknowledgments(tx, { staffId }), asOf);
}

/** A schedule with its periods up to today (`scheduleView` on the engine). */
export async function scheduleViewIn(records: Records, tx: unknown, s: StoredSchedule, today: Day): Promise<ReviewSchedule> {
  return scheduleViewOf(s, await records.programReviews.channelReviews.reviewedPeriods(tx, s.id), today);
}

/** Every schedule, by channel, with its periods (`scheduleViews` on the engine). */
export async function scheduleViewsIn(records: Records, tx: unknown, today: Day): Promise<ReviewSchedule[]> {
  const views = [];
  for (const s of await records.programIncidents.reviewSchedules.listSchedules(tx)) views.push(await scheduleViewIn(records, tx, s, today));
  return views;
}

const livePosts = (records: Records, tx: unknown) => records.posts.listPosts(tx, { states: [...liveStates] });

/** Channels with at least one live post, in SQLite's BINARY order (SQLite keeps its `SELECT DISTINCT`; PostgreSQL opens the sealed channel on the workstation). */
export async function liveChannelsIn(records: Records, tx: unknown): Promise<string[]> {
  return records.posts.channelsWithPostsIn(tx, liveStates);
}

/** Every post live on a channel, newest first, with where its consent stands today: the review's checklist. */
export async function livePostsOnIn(records: Records, tx: unknown, channel: string, ctx: CheckContext): Promise<ReviewChecklistPost[]> {
  const rows: ReviewChecklistPost[] = [];
  for (const post of (await livePosts(records, tx)).filter((p) => p.channel === channel)) {
    const consent = post.consentId ? await scopeViewIn(records, tx, post.consentId, ctx) : null;
    const verdict = await verdictIn(records, tx, judgedOf(post), consent, ctx);
    rows.push({
      id: post.id,
      channel: post.channel,
      state: post.state,
      publishedAt: post.publishedAt,
      publishedUrl: post.publishedUrl,
      caption: post.caption,
      testimonialTitle: (await records.testimonials.getTestimonial(tx, post.testimonialId))?.title ?? '',
      covered: verdict.covered,
      consentStatus: consent ? statusLabels[consent.status] : 'No consent linked',
      reasons: verdict.reasons.map((r) => r.message),
    });
  }
  return rows;
}

/**
 * Where the program stands today (`program.status`), read through the
 * engine's records in the caller's transaction `tx`: the policy in force,
 * everyone's acknowledgment and training, each schedule's periods, channels
 * with live posts and no schedule, and the incidents open or overdue.
 */
export async function programStatusIn(records: Records, tx: unknown, ctx: { today: Day; timeZone: string }): Promise<ProgramStatus> {
  const { today, timeZone } = ctx;
  const inForce = (await records.program.policy.listPolicyVersions(tx, timeZone))[0] ?? null;
  const schedules = await scheduleViewsIn(records, tx, today);
  const scheduled = new Set(schedules.filter((s) => s.active).map((s) => s.channel));
  const incidents = (await records.programIncidents.incidents.listIncidents(tx, today)).filter((i) => i.state === 'open' || i.clock.overdue.length > 0);
  return withProblems({
    asOf: today,
    policy: { version: inForce?.version ?? null, publishedOn: inForce?.publishedOn ?? null },
    trainingCycleMonths: await trainingCycleMonthsIn(records, tx),
    staff: await staffProgramStatusesIn(records, tx, today, timeZone),
    reviews: schedules.map((s) => {
      const done = s.periods.filter((p) => p.state === 'done' || p.state === 'done_late');
      return {
        scheduleId: s.id,
        channel: s.channel,
        frequency: s.frequency,
        assigneeId: s.assigneeId,
        assigneeName: s.assigneeName,
        active: s.active,
        current: s.active ? (s.periods.at(-1) ?? null) : null,
        missed: missedPeriods(s.periods),
        lastDone: done.at(-1) ?? null,
      };
    }),
    unscheduledChannels: (await liveChannelsIn(records, tx)).filter((c) => !scheduled.has(c)),
    incidents: incidents.map((i) => ({ id: i.id, trigger: i.trigger, state: i.state, discoveredOn: i.discoveredOn, clock: i.clock })),
  });
}
