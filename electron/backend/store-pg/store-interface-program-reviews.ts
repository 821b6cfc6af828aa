import type { Day } from '../../../shared/calendar';
import type { PurgeResult, RetentionRow } from '../../../shared/compliance/retention';
import type { ChannelReview } from '../../../shared/program/review-schedule';
import type { QuizResultSummary, TrainingSession } from '../../../shared/program/training';
import type { StoreCheck } from '../../../shared/store-status';
import type * as reviews from '../repositories/channel-review-repository';
import type * as training from '../repositories/training-repository';
import type * as purge from '../retention/purge';

/**
 * Schema 6 behind the store interface, both engines: training records
 * (`repositories/training-repository.ts`), channel reviews with their
 * confirmations and removed comments (the review half of
 * `repositories/channel-review-repository.ts`; the schedules and reply
 * checks are schema 7's), retention purges (`retention/purge.ts`) and the
 * store's meta row (`store_meta`: the write counter, the anchor key, the
 * last full check; `store/store.ts`, `store/store-check.ts`). Today's
 * functions made asynchronous, the engine's transaction handle first.
 * Implemented over `Db` by `store-engine/sqlite-program-reviews-records.ts`
 * and over PostgreSQL by `store-pg/pg-program-reviews-repository.ts`.
 */

export type TrainingRange = NonNullable<Parameters<typeof training.listTrainingSessions>[1]>;
export type TrainingSessionInput = Parameters<typeof training.insertTrainingSession>[1];
export type TrainingVoidInput = Parameters<typeof training.voidTrainingSession>[2];
export type TrainingMaterialInput = Parameters<typeof training.insertTrainingMaterial>[1];
export type StoredTrainingMaterial = NonNullable<ReturnType<typeof training.getTrainingMaterial>>;
export type TrainingMaterialRef = ReturnType<typeof training.listTrainingMaterialIds>[number];
export type QuizResultInput = Parameters<typeof training.insertQuizResult>[1];
export type QuizRange = NonNullable<Parameters<typeof training.listQuizResults>[1]>;
export type StoredQuizResult = ReturnType<typeof training.listQuizResults>[number];

/** Both engines' words when a void session is voided again (the handler checks first; two workstations at once meet this). */
export const sessionVoidAlreadyMessage = 'This session is void already.';

export interface TrainingRepository<Tx> {
  /** Newest first (held on, then recorded at), with attendees by name (A-Z case ignored, as SQLite's NOCASE) and materials without their bytes. */
  listTrainingSessions(tx: Tx, range?: TrainingRange): Promise<TrainingSession[]>;
  getTrainingSession(tx: Tx, id: string): Promise<{ id: string; voidedAt: string | null } | null>;
  insertTrainingSession(tx: Tx, s: TrainingSessionInput): Promise<void>;
  /** Voids once; a void session again: `conflict`. An unknown id writes nothing. */
  voidTrainingSession(tx: Tx, id: string, v: TrainingVoidInput): Promise<void>;
  insertTrainingMaterial(tx: Tx, m: TrainingMaterialInput): Promise<void>;
  getTrainingMaterial(tx: Tx, id: string): Promise<StoredTrainingMaterial | null>;
  listTrainingMaterialIds(tx: Tx, sessionIds: readonly string[]): Promise<TrainingMaterialRef[]>;
  lastTrainedOn(tx: Tx, onOrBefore: string): Promise<Map<string, string>>;
  insertQuizResult(tx: Tx, r: QuizResultInput): Promise<void>;
  /** Oldest first; optionally those taken in [fromIso, toIso). */
  listQuizResults(tx: Tx, range?: QuizRange): Promise<StoredQuizResult[]>;
  latestQuizResults(tx: Tx, beforeIso: string): Promise<Map<string, QuizResultSummary>>;
}

export type ChannelReviewFilter = NonNullable<Parameters<typeof reviews.listChannelReviews>[1]>;
export type ChannelReviewInput = Parameters<typeof reviews.insertChannelReview>[1];
export type ReviewedPeriod = ReturnType<typeof reviews.reviewedPeriods>[number];

/** Both engines' words when a period is reviewed twice (the handler checks first; two workstations at once meet this). */
export const periodReviewedMessage = 'This period has been reviewed already.';

export interface ChannelReviewRepository<Tx> {
  /** Newest period first, then by channel (its UTF-8 bytes), with confirmations (by post id) and removed comments (by day, then id). */
  listChannelReviews(tx: Tx, filter?: ChannelReviewFilter): Promise<ChannelReview[]>;
  reviewedPeriods(tx: Tx, scheduleId: string): Promise<ReviewedPeriod[]>;
  /** A period of a schedule reviewed already: `conflict`, nothing written. */
  insertChannelReview(tx: Tx, r: ChannelReviewInput): Promise<void>;
}

export type PurgeInput = Parameters<typeof purge.purgeAuthorization>[2];

/** A purge record as kept (SQLite's `authorization_purges` row). */
export interface StoredPurge {
  authorizationId: string;
  patientId: string;
  createdAt: string;
  signedAt: string | null;
  revokedAt: string | null;
  lastDayInEffect: string | null;
  keptThrough: string;
  pdfSha256: string | null;
  revocationPdfSha256: string | null;
  purgedAt: string;
  purgedBy: string;
}

export interface PurgeRepository<Tx> {
  /**
   * Purge one signed authorization (retention/purge.ts's rule, checked again
   * inside the transaction): the purge record, the posts re-pointed to
   * `purged_consent_id`, then the row. Unknown: `not_found`; not purgeable: `conflict` with the rule's words.
   */
  purgeAuthorization(tx: Tx, id: string, by: PurgeInput): Promise<PurgeResult>;
  /**
   * Every signed authorization (drafts left out), oldest first (created,
   * then id), with its patient's name and its retention verdict on `today`
   * (retention/purge.ts's `retentionRows`): the retention review.
   */
  retentionRows(tx: Tx, today: Day, timeZone: string): Promise<RetentionRow[]>;
  /** Every purge record, in the order they were made. */
  listPurges(tx: Tx): Promise<StoredPurge[]>;
  /** The posts that relied on a purged authorization (by id). */
  postsOfPurged(tx: Tx, authorizationId: string): Promise<string[]>;
}

export interface StoreMeta {
  writeCounter: number;
  anchorKey: Buffer;
}

export interface StoreMetaRepository<Tx> {
  storeMeta(tx: Tx): Promise<StoreMeta>;
  /** The end of every write transaction: the counter one up. */
  countWrite(tx: Tx): Promise<void>;
  /** An accepted rollback or a restore: the counter to at least `past` (never back). */
  advanceWriteCounter(tx: Tx, past: number): Promise<void>;
  lastCheck(tx: Tx): Promise<StoreCheck | null>;
  recordCheck(tx: Tx, check: StoreCheck): Promise<void>;
}

export interface ProgramReviewRecords<Tx> {
  training: TrainingRepository<Tx>;
  channelReviews: ChannelReviewRepository<Tx>;
  purges: PurgeRepository<Tx>;
  storeMeta: StoreMetaRepository<Tx>;
}
