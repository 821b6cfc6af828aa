import { AppError } from '../../../shared/errors';
import * as schedules from '../repositories/channel-review-repository';
import * as incidents from '../repositories/incident-repository';
import * as reviews from '../repositories/post-review-repository';
import * as replies from '../repositories/reply-check-repository';
import * as queues from '../repositories/work-queue-repository';
import type { Db } from '../store/database';
import { incidentClosedMessage, incidentOfPostTakenMessage, type PostQueueKind, type ProgramIncidentRecords } from '../store-pg/store-interface-program-incidents';

/** Each typed posts queue as the WHERE text and waiting column the work-queue handlers pass today. */
export const postQueueSql: Record<PostQueueKind, [where: string, sinceColumn: string]> = {
  takedown_required: ["x.state = 'takedown_required'", 'takedown_required_at'],
  review_required: ["x.state = 'published' AND x.review_required_at IS NOT NULL", 'review_required_at'],
  draft: ["x.state = 'draft'", 'updated_at'],
  approved: ["x.state = 'approved'", 'approved_at'],
};

/**
 * The compliance program's incidents, post review threads, review schedules
 * and checked replies over the encrypted SQLite file: today's functions,
 * unchanged, behind the interface both engines implement
 * (store-pg/store-interface-program-incidents.ts). What the file's
 * constraints refuse is answered in the interface's words.
 */

const sqliteCode = (error: unknown) => String((error as { code?: unknown }).code);

function refusals<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (sqliteCode(error) === 'SQLITE_CONSTRAINT_UNIQUE' && String((error as Error).message).includes('incidents.post_id')) {
      throw new AppError('conflict', incidentOfPostTakenMessage);
    }
    if (sqliteCode(error) === 'SQLITE_CONSTRAINT_TRIGGER' && String((error as Error).message).includes('a closed incident does not change')) {
      throw new AppError('conflict', incidentClosedMessage);
    }
    throw error;
  }
}

export function createSqliteProgramIncidentRecords(): ProgramIncidentRecords<Db> {
  return {
    workQueue: {
      draftsToSign: async (db, limit) => queues.draftsToSign(db, limit),
      awaitingWitness: async (db, limit) => queues.awaitingWitness(db, limit),
      expiringBetween: async (db, today, lastDay, limit) => queues.expiringBetween(db, today, lastDay, limit),
      eventsToRecord: async (db, limit) => queues.eventsToRecord(db, limit),
      revokedSince: async (db, since, limit) => queues.revokedSince(db, since, limit),
      postsWaiting: async (db, kind, limit) => queues.postsWaiting(db, ...postQueueSql[kind], limit),
      liveUncoveredPosts: async (db, limit) => queues.liveUncoveredPosts(db, limit),
    },
    incidents: {
      listIncidents: async (db, today, range) => incidents.listIncidents(db, today, range),
      getIncident: async (db, id, today) => incidents.getIncident(db, id, today),
      incidentOfPost: async (db, postId) => incidents.incidentOfPost(db, postId),
      insertIncident: async (db, i) => refusals(() => incidents.insertIncident(db, i)),
      saveAssessment: async (db, id, a) => refusals(() => incidents.saveAssessment(db, id, a)),
      saveDecision: async (db, id, d) => refusals(() => incidents.saveDecision(db, id, d)),
      saveDiscovery: async (db, id, on, note) => refusals(() => incidents.saveDiscovery(db, id, on, note)),
      saveNotice: async (db, id, kind, on, note) => refusals(() => incidents.saveNotice(db, id, kind, on, note)),
      saveClosed: async (db, id, c) => refusals(() => incidents.saveClosed(db, id, c)),
      setIncidentPatient: async (db, id, patientId) => refusals(() => incidents.setIncidentPatient(db, id, patientId)),
      insertIncidentDocument: async (db, d) => incidents.insertIncidentDocument(db, d),
      getIncidentDocument: async (db, id) => incidents.getIncidentDocument(db, id),
    },
    postReviews: {
      threadOf: async (db, postId) => reviews.threadOf(db, postId),
      insertReviewMessage: async (db, m) => reviews.insertReviewMessage(db, m),
      allThreads: async (db, range) => reviews.allThreads(db, range),
    },
    reviewSchedules: {
      listSchedules: async (db) => schedules.listSchedules(db),
      getSchedule: async (db, id) => schedules.getSchedule(db, id),
      scheduleOfChannel: async (db, channel) => schedules.scheduleOfChannel(db, channel),
      upsertSchedule: async (db, s) => schedules.upsertSchedule(db, s),
    },
    replyChecks: {
      recordReplyCheck: async (db, r) => replies.recordReplyCheck(db, r),
      countReplyChecks: async (db) => replies.countReplyChecks(db),
      listReplyChecks: async (db, range, limit) => schedules.listReplyChecks(db, range, limit),
      countReplyChecksIn: async (db, range) => schedules.countReplyChecksIn(db, range),
    },
  };
}
