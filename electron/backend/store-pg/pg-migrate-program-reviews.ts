import crypto from 'node:crypto';
import type { ClientBase } from 'pg';
import type { StoreCheck } from '../../../shared/store-status';
import type { PostConfirmationOutcome } from '../../../shared/program/review-schedule';
import { listChannelReviews } from '../repositories/channel-review-repository';
import { getTrainingMaterial, listQuizResults, listTrainingSessions } from '../repositories/training-repository';
import type { Db } from '../store/database';
import type { FieldCipher } from './field-crypto';
import { createPgChannelReviewRepository, createPgPurgeRepository, createPgStoreMetaRepository, createPgTrainingRepository } from './pg-program-reviews-repository';
import type { StoredPurge } from './store-interface-program-reviews';

/**
 * migrate-store's part for schema 6 (pg-program-reviews-schema.ts): training
 * sessions with attendees and materials, quiz results, channel reviews with
 * their confirmations and removed comments, retention purges (and the posts
 * kept for them), the store's meta row; and the check of each against the
 * file. Called by pg-migrate-store.ts inside its one transaction and its
 * one snapshot of each side.
 */

export type ProgramReviewSteps = 'trainingSessions' | 'trainingMaterials' | 'quizResults' | 'channelReviews' | 'purges';
export const noProgramReviewsMoved: Record<ProgramReviewSteps, number> = { trainingSessions: 0, trainingMaterials: 0, quizResults: 0, channelReviews: 0, purges: 0 };
type Each = <T>(step: ProgramReviewSteps, items: T[], copy: (item: T) => Promise<void>) => Promise<void>;

type SessionRow = { id: string; heldOn: string; topic: string; trainer: string; notes: string; at: string; by: string; voidedAt: string | null; voidedBy: string | null; voidReason: string | null };
const sessionRows = (db: Db) =>
  db
    .prepare(
      `SELECT id, held_on AS heldOn, topic, trainer, notes, recorded_at AS "at", recorded_by AS "by", voided_at AS voidedAt, voided_by AS voidedBy, void_reason AS voidReason
         FROM training_sessions ORDER BY rowid`,
    )
    .all() as SessionRow[];
const materialRows = (db: Db) =>
  db.prepare('SELECT id, session_id AS sessionId, added_at AS "at", added_by AS "by" FROM training_materials ORDER BY rowid').all() as { id: string; sessionId: string; at: string; by: string }[];
const quizRows = (db: Db) =>
  db.prepare('SELECT id, staff_id AS staffId, taken_at AS "at", language, correct, total, passed, answers FROM quiz_results ORDER BY rowid').all() as {
    id: string;
    staffId: string;
    at: string;
    language: string;
    correct: number;
    total: number;
    passed: number;
    answers: string;
  }[];
type ReviewRow = { id: string; scheduleId: string; channel: string; periodStart: string; periodEnd: string; at: string; on: string; by: string; notes: string };
const reviewRows = (db: Db) =>
  db
    .prepare(
      `SELECT id, schedule_id AS scheduleId, channel, period_start AS periodStart, period_end AS periodEnd, completed_at AS "at", completed_on AS "on", completed_by AS "by", notes
         FROM channel_reviews ORDER BY rowid`,
    )
    .all() as ReviewRow[];
const purgeRows = (db: Db) =>
  db
    .prepare(
      `SELECT authorization_id AS authorizationId, patient_id AS patientId, created_at AS createdAt, signed_at AS signedAt, revoked_at AS revokedAt,
         last_day_in_effect AS lastDayInEffect, kept_through AS keptThrough, pdf_sha256 AS pdfSha256, revocation_pdf_sha256 AS revocationPdfSha256,
         purged_at AS purgedAt, purged_by AS purgedBy
       FROM authorization_purges ORDER BY rowid`,
    )
    .all() as StoredPurge[];
const keptPosts = (db: Db) => db.prepare('SELECT id, purged_consent_id AS purgedConsentId FROM posts WHERE purged_consent_id IS NOT NULL ORDER BY id').all() as { id: string; purgedConsentId: string }[];
const metaRow = (db: Db) => db.prepare('SELECT write_counter AS writeCounter, anchor_key AS anchorKey, last_check AS lastCheck FROM store_meta WHERE id = 1').get() as { writeCounter: number; anchorKey: Buffer; lastCheck: string | null };
/** Who recorded, voided and added what: ids the lists show only as names, or not at all. */
const trainingStaffOfFile = (db: Db) => [
  sessionRows(db).map((s) => [s.id, s.by, s.voidedBy]),
  materialRows(db).map((m) => [m.id, m.by]),
  reviewRows(db).map((r) => [r.id, r.by]),
];

export async function copyProgramReviews(db: Db, cipher: FieldCipher, target: ClientBase, each: Each): Promise<void> {
  const training = createPgTrainingRepository(cipher);
  const reviews = createPgChannelReviewRepository(cipher);
  const purges = createPgPurgeRepository(cipher);
  const attendees = db.prepare('SELECT staff_id FROM training_attendees WHERE session_id = ? ORDER BY staff_id').pluck();
  await each('trainingSessions', sessionRows(db), async (s) => {
    await training.insertTrainingSession(target, { ...s, attendeeIds: attendees.all(s.id) as string[] });
    if (s.voidedAt !== null) await training.voidTrainingSession(target, s.id, { at: s.voidedAt, by: s.voidedBy!, reason: s.voidReason! });
  });
  await each('trainingMaterials', materialRows(db), async (m) => {
    const material = getTrainingMaterial(db, m.id)!;
    await training.insertTrainingMaterial(target, { id: m.id, sessionId: m.sessionId, fileName: material.fileName, mimeType: material.mimeType, data: material.data, sha256: material.sha256, at: m.at, by: m.by });
  });
  await each('quizResults', quizRows(db), (q) => training.insertQuizResult(target, { ...q, passed: q.passed === 1, answers: JSON.parse(q.answers) as Record<string, number> }));
  const confirmations = db.prepare('SELECT post_id AS postId, outcome, note, covered, consent_status AS consentStatus FROM channel_review_posts WHERE review_id = ? ORDER BY post_id');
  const removed = db.prepare('SELECT id, post_id AS postId, removed_on AS removedOn, note FROM removed_comments WHERE review_id = ? ORDER BY rowid');
  await each('channelReviews', reviewRows(db), (r) =>
    reviews.insertChannelReview(target, {
      ...r,
      confirmations: (confirmations.all(r.id) as { postId: string; outcome: PostConfirmationOutcome; note: string; covered: number; consentStatus: string }[]).map((c) => ({ ...c, covered: c.covered === 1 })),
      removedComments: removed.all(r.id) as { id: string; postId: string | null; removedOn: string; note: string }[],
    }),
  );
  await each('purges', purgeRows(db), (p) => purges.importPurge(target, p));
  for (const post of keptPosts(db)) await target.query('UPDATE posts SET purged_consent_id = $2 WHERE id = $1', [post.id, post.purgedConsentId]);
  const meta = metaRow(db);
  await createPgStoreMetaRepository(cipher).createStoreMeta(target, {
    writeCounter: meta.writeCounter,
    anchorKey: Buffer.from(meta.anchorKey),
    lastCheck: meta.lastCheck === null ? null : (JSON.parse(meta.lastCheck) as StoreCheck),
  });
}

const sha256 = (b: Buffer | null) => (b === null ? null : crypto.createHash('sha256').update(b).digest('hex'));

/** Compare the moved schema 6 records with the file's; `same` records a problem when they differ. */
export async function checkProgramReviews(db: Db, cipher: FieldCipher, target: ClientBase, same: (what: string, a: unknown, b: unknown) => void): Promise<void> {
  const training = createPgTrainingRepository(cipher);
  const purges = createPgPurgeRepository(cipher);
  same('Training sessions', listTrainingSessions(db), await training.listTrainingSessions(target));
  const files: unknown[] = [];
  for (const m of materialRows(db)) files.push(sha256((await training.getTrainingMaterial(target, m.id))?.data ?? null));
  same('Training materials', materialRows(db).map((m) => sha256(getTrainingMaterial(db, m.id)!.data)), files);
  const serverStaff: unknown[][] = [];
  for (const sql of [
    'SELECT id, recorded_by, voided_by FROM training_sessions ORDER BY insert_seq',
    'SELECT id, added_by FROM training_materials ORDER BY insert_seq',
    'SELECT id, completed_by FROM channel_reviews ORDER BY id COLLATE "C"',
  ]) {
    serverStaff.push((await target.query({ text: sql, rowMode: 'array' })).rows);
  }
  const fileStaff = trainingStaffOfFile(db);
  fileStaff[2]!.sort(([a], [b]) => Buffer.compare(Buffer.from(String(a)), Buffer.from(String(b))));
  same('Who recorded the training records and reviews', fileStaff, serverStaff);
  same('Quiz results', listQuizResults(db), await training.listQuizResults(target));
  const answers: unknown[] = [];
  for (const q of quizRows(db)) answers.push(await training.quizAnswers(target, q.id));
  same('Quiz answers', quizRows(db).map((q) => JSON.parse(q.answers) as unknown), answers);
  same('Channel reviews', listChannelReviews(db), await createPgChannelReviewRepository(cipher).listChannelReviews(target));
  same('Retention purges', purgeRows(db), await purges.listPurges(target));
  same(
    'Posts kept for purged authorizations',
    keptPosts(db),
    (await target.query<{ id: string; purged_consent_id: string }>('SELECT id, purged_consent_id FROM posts WHERE purged_consent_id IS NOT NULL ORDER BY id COLLATE "C"')).rows.map((r) => ({
      id: r.id,
      purgedConsentId: r.purged_consent_id,
    })),
  );
  const meta = metaRow(db);
  const moved = createPgStoreMetaRepository(cipher);
  const server = await moved.storeMeta(target).catch(() => null);
  same(
    'Store meta',
    { writeCounter: meta.writeCounter, anchorKey: sha256(Buffer.from(meta.anchorKey)), lastCheck: meta.lastCheck === null ? null : (JSON.parse(meta.lastCheck) as unknown) },
    server && { writeCounter: server.writeCounter, anchorKey: sha256(server.anchorKey), lastCheck: await moved.lastCheck(target) },
  );
}
