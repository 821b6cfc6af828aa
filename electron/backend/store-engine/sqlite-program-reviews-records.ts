import { AppError } from '../../../shared/errors';
import * as reviews from '../repositories/channel-review-repository';
import * as training from '../repositories/training-repository';
import { purgeAuthorization, retentionRows } from '../retention/purge';
import type { Db } from '../store/database';
import { lastCheck, recordCheck } from '../store/store-check';
import { periodReviewedMessage, sessionVoidAlreadyMessage, type ProgramReviewRecords, type StoredPurge } from '../store-pg/store-interface-program-reviews';

/**
 * Schema 6's records over the encrypted SQLite file: today's functions,
 * unchanged, behind the interface both engines implement
 * (store-pg/store-interface-program-reviews.ts). The store's meta row has
 * no repository functions (store.ts and store-check.ts hold its
 * statements): the adapter runs the same statements; the purges and the
 * posts kept for them are read with small statements of its own.
 */

const isConstraint = (error: unknown, trigger: string) =>
  String((error as { code?: unknown }).code).startsWith('SQLITE_CONSTRAINT') && String((error as Error).message).includes(trigger);

export function createSqliteProgramReviewRecords(): ProgramReviewRecords<Db> {
  return {
    training: {
      listTrainingSessions: async (db, range) => training.listTrainingSessions(db, range),
      getTrainingSession: async (db, id) => training.getTrainingSession(db, id),
      insertTrainingSession: async (db, s) => training.insertTrainingSession(db, s),
      async voidTrainingSession(db, id, v) {
        try {
          training.voidTrainingSession(db, id, v);
        } catch (error) {
          if (isConstraint(error, 'a session can only be voided, once')) throw new AppError('conflict', sessionVoidAlreadyMessage);
          throw error;
        }
      },
      insertTrainingMaterial: async (db, m) => training.insertTrainingMaterial(db, m),
      getTrainingMaterial: async (db, id) => training.getTrainingMaterial(db, id),
      listTrainingMaterialIds: async (db, sessionIds) => training.listTrainingMaterialIds(db, sessionIds),
      lastTrainedOn: async (db, onOrBefore) => training.lastTrainedOn(db, onOrBefore),
      insertQuizResult: async (db, r) => training.insertQuizResult(db, r),
      listQuizResults: async (db, range) => training.listQuizResults(db, range),
      latestQuizResults: async (db, beforeIso) => training.latestQuizResults(db, beforeIso),
    },
    channelReviews: {
      listChannelReviews: async (db, filter) => reviews.listChannelReviews(db, filter),
      reviewedPeriods: async (db, scheduleId) => reviews.reviewedPeriods(db, scheduleId),
      async insertChannelReview(db, r) {
        try {
          reviews.insertChannelReview(db, r);
        } catch (error) {
          if (isConstraint(error, 'channel_reviews.schedule_id, channel_reviews.period_start')) throw new AppError('conflict', periodReviewedMessage);
          throw error;
        }
      },
    },
    purges: {
      purgeAuthorization: async (db, id, by) => purgeAuthorization(db, id, by),
      retentionRows: async (db, today, timeZone) => retentionRows(db, today, timeZone),
      listPurges: async (db) =>
        db
          .prepare(
            `SELECT authorization_id AS authorizationId, patient_id AS patientId, created_at AS createdAt, signed_at AS signedAt, revoked_at AS revokedAt,
               last_day_in_effect AS lastDayInEffect, kept_through AS keptThrough, pdf_sha256 AS pdfSha256, revocation_pdf_sha256 AS revocationPdfSha256,
               purged_at AS purgedAt, purged_by AS purgedBy
             FROM authorization_purges ORDER BY rowid`,
          )
          .all() as StoredPurge[],
      postsOfPurged: async (db, authorizationId) => db.prepare('SELECT id FROM posts WHERE purged_consent_id = ? ORDER BY id').pluck().all(authorizationId) as string[],
    },
    storeMeta: {
      async storeMeta(db) {
        const row = db.prepare('SELECT write_counter, anchor_key FROM store_meta WHERE id = 1').get() as { write_counter: number; anchor_key: Buffer };
        return { writeCounter: row.write_counter, anchorKey: Buffer.from(row.anchor_key) };
      },
      async countWrite(db) {
        db.prepare('UPDATE store_meta SET write_counter = write_counter + 1 WHERE id = 1').run();
      },
      async advanceWriteCounter(db, past) {
        db.prepare('UPDATE store_meta SET write_counter = max(write_counter, ?) WHERE id = 1').run(past);
      },
      lastCheck: async (db) => lastCheck(db),
      recordCheck: async (db, check) => recordCheck(db, check),
    },
  };
}
