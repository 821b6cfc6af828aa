import { startOfDayIn } from '../../../shared/calendar';
import type { CallOutput, ParsedInput } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { checkReviewReply, replyConcernLabels, type ReplyConcernKind } from '../../../shared/posts/review-reply';
import { confirmationProblems, periodOf, type ReviewSchedule } from '../../../shared/program/review-schedule';
import { can } from '../../../shared/roles';
import { practiceContactOf } from '../../../shared/settings';
import { auditIn, type ChannelReviewCore } from '../engine-core';
import { openIncidentForPostedReplyIn } from '../program/incident-opening';
import { endOfDayIso } from '../program/program-queries';
import { liveChannelsIn, livePostsOnIn, scheduleViewIn, scheduleViewsIn } from '../program/program-queries-engine';

/**
 * Scheduled reviews of live posts and checked replies on the store engine
 * (issue 15, switch-over step 3): every call is one engine transaction (a
 * read for the overview, the checklist and the kept replies), its checks
 * made on what it reads inside it, and what it keeps written with its audit
 * events (and, for a flagged reply, its incident) in the same transaction,
 * so a refused or failed call leaves neither. The schedules and checked
 * replies are `records.programIncidents`, the reviews
 * `records.programReviews`, the staff `records.staff`.
 */

const records = (core: ChannelReviewCore) => core.engine.records;

async function scheduleOrFail(core: ChannelReviewCore, tx: unknown, id: string): Promise<ReviewSchedule> {
  const s = await records(core).programIncidents.reviewSchedules.getSchedule(tx, id);
  if (!s) throw new AppError('not_found', 'That review schedule does not exist.');
  return scheduleViewIn(records(core), tx, s, core.today());
}

/** The period a review is for: one of the schedule's periods up to now, not one that is still to come. */
async function periodOrFail(core: ChannelReviewCore, tx: unknown, scheduleId: string, periodStart: string) {
  const schedule = await scheduleOrFail(core, tx, scheduleId);
  const period = schedule.periods.find((p) => p.start === periodStart);
  if (!period) throw new AppError('validation', 'That period is not one of this schedule’s periods up to today.', { issues: [{ path: 'periodStart', message: 'Choose a period from the schedule.' }] });
  return { schedule, period };
}

type ChannelReviewCall =
  | 'channelReviews.overview'
  | 'channelReviews.setSchedule'
  | 'channelReviews.checklist'
  | 'channelReviews.complete'
  | 'channelReviews.replyChecks'
  | 'channelReviews.reportReply';

/** Written against `ChannelReviewCore`, not `BackendCore`: the same handlers run on either engine (channel-review-handlers.engines.test.ts). */
type ChannelReviewHandlers = { [P in ChannelReviewCall]: (core: ChannelReviewCore, input: ParsedInput<P>) => Promise<CallOutput<P>> };

export const channelReviewHandlers: ChannelReviewHandlers = {
  'channelReviews.overview': (core) => {
    const staff = core.requireSession();
    const today = core.today();
    return core.engine.read(async (tx) => ({
      today,
      schedules: await scheduleViewsIn(records(core), tx, today),
      assignable: (await records(core).staff.listStaff(tx))
        .filter((s) => s.status === 'active' && can(s.role, 'channelReviews.perform'))
        .map((s) => ({ id: s.id, displayName: s.displayName, role: s.role })),
      liveChannels: await liveChannelsIn(records(core), tx),
      canManage: can(staff.role, 'program.manage'),
    }));
  },

  'channelReviews.setSchedule': (core, input) =>
    core.engine.write(async (tx) => {
      const r = records(core);
      const assignee = await r.staff.getStaffById(tx, input.assigneeId);
      if (!assignee || assignee.status !== 'active' || !can(assignee.role, 'channelReviews.perform')) {
        throw new AppError('validation', 'Assign the reviews to an active administrator or marketing member of staff.', {
          issues: [{ path: 'assigneeId', message: 'Choose someone who can see the posts.' }],
        });
      }
      const existing = await r.programIncidents.reviewSchedules.scheduleOfChannel(tx, input.channel);
      const today = core.today();
      // The first period reviewed is the one holding the first day: it is stored as that period's start.
      const startsOn = periodOf(input.startsOn, input.frequency).start;
      if (
        existing &&
        existing.frequency !== input.frequency &&
        (await r.programReviews.channelReviews.listChannelReviews(tx, { scheduleId: existing.id })).length > 0 &&
        startsOn < periodOf(today, input.frequency).start
      ) {
        throw new AppError('validation', 'Reviews were done on the old schedule: a new frequency starts from the current period or later.', {
          issues: [{ path: 'startsOn', message: `Use ${periodOf(today, input.frequency).start} or later.` }],
        });
      }
      const id = existing?.id ?? core.newId();
      await r.programIncidents.reviewSchedules.upsertSchedule(tx, {
        id,
        channel: input.channel,
        frequency: input.frequency,
        assigneeId: input.assigneeId,
        startsOn,
        active: input.active,
        endedOn: input.active ? null : (existing?.endedOn ?? today),
        at: core.nowIso(),
      });
      await auditIn(core, tx, {
        action: 'review.schedule_changed',
        subjectType: 'review_schedule',
        subjectId: id,
        detail: `${input.channel}: ${input.active ? `${input.frequency} from ${startsOn}, assigned to ${assignee.username}` : 'stopped'}`,
      });
      return scheduleOrFail(core, tx, id);
    }),

  'channelReviews.checklist': (core, { scheduleId, periodStart }) => {
    const ctx = core.checkContext();
    return core.engine.read(async (tx) => {
      const { schedule, period } = await periodOrFail(core, tx, scheduleId, periodStart);
      const review = (await records(core).programReviews.channelReviews.listChannelReviews(tx, { scheduleId })).find((r) => r.periodStart === period.start) ?? null;
      return { schedule, period, posts: await livePostsOnIn(records(core), tx, schedule.channel, ctx), review };
    });
  },

  /**
   * A review is kept only when it confirms every post live on the channel
   * now (each once) and the period has no review yet. The assigned person
   * or someone who manages the program records it. Checked inside the write
   * that keeps it: a post published or a review kept by another workstation
   * meanwhile is seen.
   */
  'channelReviews.complete': (core, input) => {
    const staff = core.requireSession();
    const ctx = core.checkContext();
    return core.engine.write(async (tx) => {
      const r = records(core);
      const { schedule, period } = await periodOrFail(core, tx, input.scheduleId, input.periodStart);
      if (schedule.assigneeId !== staff.id && !can(staff.role, 'program.manage')) {
        throw new AppError('forbidden', `This review is assigned to ${schedule.assigneeName}.`);
      }
      if (period.reviewId) throw new AppError('conflict', 'This period has been reviewed already.');
      const today = core.today();
      const posts = await livePostsOnIn(r, tx, schedule.channel, ctx);
      const problems = confirmationProblems(
        posts.map((p) => p.id),
        input.confirmations,
      );
      if (problems.length) throw new AppError('validation', problems.join(' '), { issues: [{ path: 'confirmations', message: problems[0]! }] });
      const live = new Set(posts.map((p) => p.id));
      for (const [i, c] of input.removedComments.entries()) {
        if (c.removedOn > today) throw new AppError('validation', 'A comment cannot have been removed in the future.', { issues: [{ path: `removedComments.${i}.removedOn`, message: 'Use today or an earlier day.' }] });
        if (c.postId && !live.has(c.postId)) throw new AppError('validation', 'A removed comment must be on one of the posts reviewed.', { issues: [{ path: `removedComments.${i}.postId`, message: 'Choose a post of this review.' }] });
      }
      const byId = new Map(posts.map((p) => [p.id, p]));
      const id = core.newId();
      await r.programReviews.channelReviews.insertChannelReview(tx, {
        id,
        scheduleId: schedule.id,
        channel: schedule.channel,
        periodStart: period.start,
        periodEnd: period.end,
        at: core.nowIso(),
        on: today,
        by: staff.id,
        notes: input.notes,
        confirmations: input.confirmations.map((c) => ({ ...c, covered: byId.get(c.postId)!.covered, consentStatus: byId.get(c.postId)!.consentStatus })),
        removedComments: input.removedComments.map((c) => ({ ...c, id: core.newId() })),
      });
      await auditIn(core, tx, {
        action: 'review.completed',
        subjectType: 'review_schedule',
        subjectId: schedule.id,
        detail: `${schedule.channel} ${period.start} to ${period.end}: ${posts.length} live post(s) confirmed, ${input.removedComments.length} removed comment(s)${today > period.end ? '; late' : ''}`,
      });
      return (await r.programReviews.channelReviews.listChannelReviews(tx, { scheduleId: schedule.id })).find((x) => x.id === id)!;
    });
  },

  'channelReviews.replyChecks': (core, { from, to }) =>
    core.engine.read(async (tx) =>
      (await records(core).programIncidents.replyChecks.listReplyChecks(tx, { fromIso: startOfDayIn(from, core.timeZone).toISOString(), toIso: endOfDayIso(to, core.timeZone) })).map((r) => ({
        ...r,
        findings: r.findings.map((f) => ({ kind: f.kind, label: replyConcernLabels[f.kind as ReplyConcernKind] ?? f.kind })),
      })),
    ),

  'channelReviews.reportReply': async (core, { text, channel, url, postedOn }) => {
    const staff = core.requireSession();
    const today = core.today();
    if (postedOn && postedOn > today) throw new AppError('validation', 'A reply cannot have been posted in the future.', { issues: [{ path: 'postedOn', message: 'Use today or an earlier day.' }] });
    const check = checkReviewReply(text, { practiceName: core.settings.practiceName, contact: practiceContactOf(core.settings) });
    const checkId = core.newId();
    const at = core.nowIso();
    const incidentId = await core.engine.write(async (tx) => {
      await records(core).programIncidents.replyChecks.recordReplyCheck(tx, { id: checkId, at, by: staff.id, reply: text, check });
      await auditIn(core, tx, { action: 'reply.checked', subjectType: 'reply', subjectId: checkId, detail: `${check.safe ? 'pass' : 'flag'}; ${check.concerns.length} concern(s)` });
      await auditIn(core, tx, { action: 'review.reply_reported', subjectType: 'reply', subjectId: checkId, detail: `posted on ${channel}` });
      return openIncidentForPostedReplyIn(core, tx, {
        replyCheckId: checkId,
        flagged: !check.safe,
        concerns: [...new Set(check.concerns.map((c) => replyConcernLabels[c.kind]))],
        channel,
        url,
        postedOn,
        at,
        today,
        by: { id: staff.id, username: staff.username },
      });
    });
    return { check, incidentId };
  },
};
