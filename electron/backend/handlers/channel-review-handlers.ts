import { startOfDayIn } from '../../../shared/calendar';
import { AppError } from '../../../shared/errors';
import { checkReviewReply, replyConcernLabels, type ReplyConcernKind } from '../../../shared/posts/review-reply';
import { confirmationProblems, periodOf } from '../../../shared/program/review-schedule';
import { can } from '../../../shared/roles';
import { practiceContactOf } from '../../../shared/settings';
import type { BackendCore } from '../backend-core';
import { openIncidentForPostedReply } from '../program/incident-opening';
import { endOfDayIso, liveChannels, livePostsOn, scheduleView, scheduleViews } from '../program/program-queries';
import { getSchedule, insertChannelReview, listChannelReviews, listReplyChecks, scheduleOfChannel, upsertSchedule } from '../repositories/channel-review-repository';
import { recordReplyCheck } from '../repositories/reply-check-repository';
import { getStaffById, listStaff } from '../repositories/staff-repository';
import type { Handlers } from './handler';

function scheduleOrFail(core: BackendCore, id: string) {
  const s = getSchedule(core.requireStore().db, id);
  if (!s) throw new AppError('not_found', 'That review schedule does not exist.');
  return scheduleView(core.requireStore().db, s, core.today());
}

/** The period a review is for: one of the schedule's periods up to now, not one that is still to come. */
function periodOrFail(core: BackendCore, scheduleId: string, periodStart: string) {
  const schedule = scheduleOrFail(core, scheduleId);
  const period = schedule.periods.find((p) => p.start === periodStart);
  if (!period) throw new AppError('validation', 'That period is not one of this schedule’s periods up to today.', { issues: [{ path: 'periodStart', message: 'Choose a period from the schedule.' }] });
  return { schedule, period };
}

export const channelReviewHandlers = {
  'channelReviews.overview': (core) => {
    const db = core.requireStore().db;
    const staff = core.requireSession();
    return {
      today: core.today(),
      schedules: scheduleViews(db, core.today()),
      assignable: listStaff(db)
        .filter((s) => s.status === 'active' && can(s.role, 'channelReviews.perform'))
        .map((s) => ({ id: s.id, displayName: s.displayName, role: s.role })),
      liveChannels: liveChannels(db),
      canManage: can(staff.role, 'program.manage'),
    };
  },

  'channelReviews.setSchedule': (core, input) => {
    const store = core.requireStore();
    const assignee = getStaffById(store.db, input.assigneeId);
    if (!assignee || assignee.status !== 'active' || !can(assignee.role, 'channelReviews.perform')) {
      throw new AppError('validation', 'Assign the reviews to an active administrator or marketing member of staff.', {
        issues: [{ path: 'assigneeId', message: 'Choose someone who can see the posts.' }],
      });
    }
    const existing = scheduleOfChannel(store.db, input.channel);
    const today = core.today();
    // The first period reviewed is the one holding the first day: it is stored as that period's start.
    const startsOn = periodOf(input.startsOn, input.frequency).start;
    if (existing && existing.frequency !== input.frequency && listChannelReviews(store.db, { scheduleId: existing.id }).length > 0 && startsOn < periodOf(today, input.frequency).start) {
      throw new AppError('validation', 'Reviews were done on the old schedule: a new frequency starts from the current period or later.', {
        issues: [{ path: 'startsOn', message: `Use ${periodOf(today, input.frequency).start} or later.` }],
      });
    }
    const id = existing?.id ?? core.newId();
    store.write(() => {
      upsertSchedule(store.db, {
        id,
        channel: input.channel,
        frequency: input.frequency,
        assigneeId: input.assigneeId,
        startsOn,
        active: input.active,
        endedOn: input.active ? null : (existing?.endedOn ?? today),
        at: core.nowIso(),
      });
      core.audit({
        action: 'review.schedule_changed',
        subjectType: 'review_schedule',
        subjectId: id,
        detail: `${input.channel}: ${input.active ? `${input.frequency} from ${startsOn}, assigned to ${assignee.username}` : 'stopped'}`,
      });
    });
    return scheduleOrFail(core, id);
  },

  'channelReviews.checklist': (core, { scheduleId, periodStart }) => {
    const db = core.requireStore().db;
    const { schedule, period } = periodOrFail(core, scheduleId, periodStart);
    const review = listChannelReviews(db, { scheduleId }).find((r) => r.periodStart === period.start) ?? null;
    return { schedule, period, posts: livePostsOn(db, schedule.channel, core.checkContext()), review };
  },

  /**
   * A review is kept only when it confirms every post live on the channel
   * now (each once) and the period has no review yet. The assigned person
   * or someone who manages the program records it.
   */
  'channelReviews.complete': (core, input) => {
    const store = core.requireStore();
    const staff = core.requireSession();
    const { schedule, period } = periodOrFail(core, input.scheduleId, input.periodStart);
    if (schedule.assigneeId !== staff.id && !can(staff.role, 'program.manage')) {
      throw new AppError('forbidden', `This review is assigned to ${schedule.assigneeName}.`);
    }
    if (period.reviewId) throw new AppError('conflict', 'This period has been reviewed already.');
    const today = core.today();
    const posts = livePostsOn(store.db, schedule.channel, core.checkContext());
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
    store.write(() => {
      insertChannelReview(store.db, {
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
      core.audit({
        action: 'review.completed',
        subjectType: 'review_schedule',
        subjectId: schedule.id,
        detail: `${schedule.channel} ${period.start} to ${period.end}: ${posts.length} live post(s) confirmed, ${input.removedComments.length} removed comment(s)${today > period.end ? '; late' : ''}`,
      });
    });
    return listChannelReviews(store.db, { scheduleId: schedule.id }).find((r) => r.id === id)!;
  },

  'channelReviews.replyChecks': (core, { from, to }) => {
    const db = core.requireStore().db;
    return listReplyChecks(db, { fromIso: startOfDayIn(from, core.timeZone).toISOString(), toIso: endOfDayIso(to, core.timeZone) }).map((r) => ({
      ...r,
      findings: r.findings.map((f) => ({ kind: f.kind, label: replyConcernLabels[f.kind as ReplyConcernKind] ?? f.kind })),
    }));
  },

  'channelReviews.reportReply': (core, { text, channel, url, postedOn }) => {
    const store = core.requireStore();
    const staff = core.requireSession();
    const today = core.today();
    if (postedOn && postedOn > today) throw new AppError('validation', 'A reply cannot have been posted in the future.', { issues: [{ path: 'postedOn', message: 'Use today or an earlier day.' }] });
    const check = checkReviewReply(text, { practiceName: core.settings.practiceName, contact: practiceContactOf(core.settings) });
    const checkId = core.newId();
    const at = core.nowIso();
    const incidentId = store.write(() => {
      recordReplyCheck(store.db, { id: checkId, at, by: staff.id, reply: text, check });
      core.audit({ action: 'reply.checked', subjectType: 'reply', subjectId: checkId, detail: `${check.safe ? 'pass' : 'flag'}; ${check.concerns.length} concern(s)` });
      core.audit({ action: 'review.reply_reported', subjectType: 'reply', subjectId: checkId, detail: `posted on ${channel}` });
      return openIncidentForPostedReply(store.db, {
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
} satisfies Partial<Handlers>;
