import type { ChannelReview, PostConfirmationOutcome, ReviewFrequency } from '../../../shared/program/review-schedule';
import type { Db } from '../store/database';

export interface StoredSchedule {
  id: string;
  channel: string;
  frequency: ReviewFrequency;
  assigneeId: string;
  assigneeName: string;
  startsOn: string;
  active: boolean;
  endedOn: string | null;
}

type ScheduleRow = { id: string; channel: string; frequency: ReviewFrequency; assignee_id: string; display_name: string; starts_on: string; active: number; ended_on: string | null };
const toSchedule = (r: ScheduleRow): StoredSchedule => ({
  id: r.id,
  channel: r.channel,
  frequency: r.frequency,
  assigneeId: r.assignee_id,
  assigneeName: r.display_name,
  startsOn: r.starts_on,
  active: r.active === 1,
  endedOn: r.ended_on,
});

const scheduleSelect = 'SELECT r.*, s.display_name FROM review_schedules r JOIN staff s ON s.id = r.assignee_id';

export function listSchedules(db: Db): StoredSchedule[] {
  return (db.prepare(`${scheduleSelect} ORDER BY r.channel`).all() as ScheduleRow[]).map(toSchedule);
}

export function getSchedule(db: Db, id: string): StoredSchedule | null {
  const row = db.prepare(`${scheduleSelect} WHERE r.id = ?`).get(id) as ScheduleRow | undefined;
  return row ? toSchedule(row) : null;
}

export function scheduleOfChannel(db: Db, channel: string): StoredSchedule | null {
  const row = db.prepare(`${scheduleSelect} WHERE r.channel = ?`).get(channel) as ScheduleRow | undefined;
  return row ? toSchedule(row) : null;
}

export function upsertSchedule(
  db: Db,
  s: { id: string; channel: string; frequency: ReviewFrequency; assigneeId: string; startsOn: string; active: boolean; endedOn: string | null; at: string },
): void {
  db.prepare(
    `INSERT INTO review_schedules (id, channel, frequency, assignee_id, starts_on, active, ended_on, created_at, updated_at)
     VALUES (@id, @channel, @frequency, @assigneeId, @startsOn, @active, @endedOn, @at, @at)
     ON CONFLICT (channel) DO UPDATE SET frequency = excluded.frequency, assignee_id = excluded.assignee_id, starts_on = excluded.starts_on,
       active = excluded.active, ended_on = excluded.ended_on, updated_at = excluded.updated_at`,
  ).run({ ...s, active: s.active ? 1 : 0 });
}

type ReviewRow = {
  id: string;
  schedule_id: string;
  channel: string;
  period_start: string;
  period_end: string;
  completed_at: string;
  completed_on: string;
  display_name: string;
  notes: string;
};

/** The completed reviews of a schedule (or all), newest period first, with their confirmations and removed comments. */
export function listChannelReviews(db: Db, filter: { scheduleId?: string; range?: { from: string; to: string } } = {}): ChannelReview[] {
  const where: string[] = [];
  const params: string[] = [];
  if (filter.scheduleId) {
    where.push('c.schedule_id = ?');
    params.push(filter.scheduleId);
  }
  if (filter.range) {
    where.push('c.period_end >= ? AND c.period_start <= ?');
    params.push(filter.range.from, filter.range.to);
  }
  const rows = db
    .prepare(
      `SELECT c.*, s.display_name FROM channel_reviews c JOIN staff s ON s.id = c.completed_by
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY c.period_start DESC, c.channel`,
    )
    .all(...params) as ReviewRow[];
  const confirmations = db.prepare('SELECT post_id, outcome, note, covered, consent_status FROM channel_review_posts WHERE review_id = ? ORDER BY post_id');
  const removed = db.prepare('SELECT post_id, removed_on, note FROM removed_comments WHERE review_id = ? ORDER BY removed_on, id');
  return rows.map((r) => ({
    id: r.id,
    scheduleId: r.schedule_id,
    channel: r.channel,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    completedAt: r.completed_at,
    completedOn: r.completed_on,
    completedByName: r.display_name,
    notes: r.notes,
    confirmations: (confirmations.all(r.id) as { post_id: string; outcome: PostConfirmationOutcome; note: string; covered: number; consent_status: string }[]).map((c) => ({
      postId: c.post_id,
      outcome: c.outcome,
      note: c.note,
      coveredWhenReviewed: c.covered === 1,
      consentStatus: c.consent_status,
    })),
    removedComments: (removed.all(r.id) as { post_id: string | null; removed_on: string; note: string }[]).map((c) => ({
      postId: c.post_id,
      removedOn: c.removed_on,
      note: c.note,
    })),
  }));
}

/** Periods reviewed per schedule: what the period rule needs. */
export function reviewedPeriods(db: Db, scheduleId: string): { id: string; periodStart: string; completedOn: string }[] {
  return db
    .prepare('SELECT id, period_start AS periodStart, completed_on AS completedOn FROM channel_reviews WHERE schedule_id = ? ORDER BY period_start')
    .all(scheduleId) as { id: string; periodStart: string; completedOn: string }[];
}

export function insertChannelReview(
  db: Db,
  r: {
    id: string;
    scheduleId: string;
    channel: string;
    periodStart: string;
    periodEnd: string;
    at: string;
    on: string;
    by: string;
    notes: string;
    confirmations: readonly { postId: string; outcome: PostConfirmationOutcome; note: string; covered: boolean; consentStatus: string }[];
    removedComments: readonly { id: string; postId: string | null; removedOn: string; note: string }[];
  },
): void {
  db.prepare(
    `INSERT INTO channel_reviews (id, schedule_id, channel, period_start, period_end, completed_at, completed_on, completed_by, notes)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(r.id, r.scheduleId, r.channel, r.periodStart, r.periodEnd, r.at, r.on, r.by, r.notes);
  const confirm = db.prepare('INSERT INTO channel_review_posts (review_id, post_id, outcome, note, covered, consent_status) VALUES (?, ?, ?, ?, ?, ?)');
  for (const c of r.confirmations) confirm.run(r.id, c.postId, c.outcome, c.note, c.covered ? 1 : 0, c.consentStatus);
  const remove = db.prepare('INSERT INTO removed_comments (id, review_id, post_id, removed_on, note) VALUES (?, ?, ?, ?, ?)');
  for (const c of r.removedComments) remove.run(c.id, r.id, c.postId, c.removedOn, c.note);
}

export interface KeptReplyCheck {
  id: string;
  checkedAt: string;
  checkedByName: string;
  reply: string;
  decision: 'flag' | 'pass';
  findings: { kind: string; start: number; end: number }[];
}

/** The review-reply checker's kept results, newest first, within [fromIso, toIso). */
export function listReplyChecks(db: Db, range: { fromIso: string; toIso: string }, limit = 500): KeptReplyCheck[] {
  const rows = db
    .prepare(
      `SELECT r.id, r.checked_at, s.display_name, r.reply, r.decision, r.findings FROM reply_checks r JOIN staff s ON s.id = r.checked_by
       WHERE r.checked_at >= ? AND r.checked_at < ? ORDER BY r.checked_at DESC LIMIT ?`,
    )
    .all(range.fromIso, range.toIso, limit) as { id: string; checked_at: string; display_name: string; reply: string; decision: 'flag' | 'pass'; findings: string }[];
  return rows.map((r) => ({
    id: r.id,
    checkedAt: r.checked_at,
    checkedByName: r.display_name,
    reply: r.reply,
    decision: r.decision,
    findings: JSON.parse(r.findings) as KeptReplyCheck['findings'],
  }));
}

export function countReplyChecksIn(db: Db, range: { fromIso: string; toIso: string }): { checked: number; flagged: number } {
  const row = db
    .prepare("SELECT count(*) AS checked, coalesce(sum(decision = 'flag'), 0) AS flagged FROM reply_checks WHERE checked_at >= ? AND checked_at < ?")
    .get(range.fromIso, range.toIso) as { checked: number; flagged: number };
  return row;
}
