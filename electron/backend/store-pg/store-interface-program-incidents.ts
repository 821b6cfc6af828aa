import type { Day } from '../../../shared/calendar';
import type { Incident, IncidentDocumentSummary } from '../../../shared/program/incident';
import type { PostReviewMessage } from '../../../shared/program/post-review';
import type * as schedules from '../repositories/channel-review-repository';
import type { KeptReplyCheck, StoredSchedule } from '../repositories/channel-review-repository';
import type * as incidents from '../repositories/incident-repository';
import type * as reviews from '../repositories/post-review-repository';
import type * as replies from '../repositories/reply-check-repository';
import type { AuthorizationQueueRow, PostQueueRow, QueueRows } from '../repositories/work-queue-repository';

/**
 * The compliance program's incidents (with their documents), post review
 * threads, review schedules and checked replies behind the store interface,
 * both engines (schema 7): the functions of `incident-repository.ts`,
 * `post-review-repository.ts`, `reply-check-repository.ts` and the schedule
 * and reply-check reads of `channel-review-repository.ts`, made
 * asynchronous, the engine's transaction handle first. Implemented over `Db`
 * by `store-engine/sqlite-program-incident-records.ts` and over PostgreSQL by
 * `store-pg/pg-program-incidents-repository.ts`.
 *
 * Beyond the functions, both engines answer the same words where the store
 * refuses: a second incident for one post, and a change to a closed incident
 * (but its one yearly HHS notice), are `conflict`.
 */

export type IncidentInput = Parameters<typeof incidents.insertIncident>[1];
export type IncidentRange = NonNullable<Parameters<typeof incidents.listIncidents>[2]>;
export type AssessmentInput = Parameters<typeof incidents.saveAssessment>[2];
export type DecisionInput = Parameters<typeof incidents.saveDecision>[2];
export type ClosingInput = Parameters<typeof incidents.saveClosed>[2];
export type NoticeKindInput = Parameters<typeof incidents.saveNotice>[2];
export type IncidentDocumentInput = Parameters<typeof incidents.insertIncidentDocument>[1];
export type StoredIncidentDocument = IncidentDocumentSummary & { incidentId: string; pdf: Buffer };
export type ReviewMessageInput = Parameters<typeof reviews.insertReviewMessage>[1];
export type ScheduleInput = Parameters<typeof schedules.upsertSchedule>[1];
export type ReplyCheckInput = Parameters<typeof replies.recordReplyCheck>[1];
export type IsoRange = { fromIso: string; toIso: string };

export const incidentOfPostTakenMessage = 'This post has an incident already: open it from the list.';
export const incidentClosedMessage = 'This incident is closed; its record does not change.';

export interface IncidentRepository<Tx> {
  /** Newest discovery first (optionally those discovered in, or open during, a range). */
  listIncidents(tx: Tx, today: Day, range?: IncidentRange): Promise<Incident[]>;
  getIncident(tx: Tx, id: string, today: Day): Promise<Incident | null>;
  incidentOfPost(tx: Tx, postId: string): Promise<string | null>;
  /** A post that has an incident already: `conflict`. */
  insertIncident(tx: Tx, i: IncidentInput): Promise<void>;
  /** Each change below on a closed incident: `conflict` (but the HHS notice, once). */
  saveAssessment(tx: Tx, id: string, a: AssessmentInput): Promise<void>;
  saveDecision(tx: Tx, id: string, d: DecisionInput): Promise<void>;
  saveDiscovery(tx: Tx, id: string, discoveredOn: Day, note: string): Promise<void>;
  saveNotice(tx: Tx, id: string, kind: NoticeKindInput, on: Day, note: string): Promise<void>;
  saveClosed(tx: Tx, id: string, c: ClosingInput): Promise<void>;
  setIncidentPatient(tx: Tx, id: string, patientId: string | null): Promise<void>;
  insertIncidentDocument(tx: Tx, d: IncidentDocumentInput): Promise<void>;
  getIncidentDocument(tx: Tx, id: string): Promise<StoredIncidentDocument | null>;
}

export interface PostReviewRepository<Tx> {
  /** A post's thread, oldest first. */
  threadOf(tx: Tx, postId: string): Promise<PostReviewMessage[]>;
  insertReviewMessage(tx: Tx, m: ReviewMessageInput): Promise<void>;
  /** Every post that has a thread, with its messages (optionally those in [fromIso, toIso)). */
  allThreads(tx: Tx, range?: IsoRange): Promise<Map<string, PostReviewMessage[]>>;
}

export interface ReviewScheduleRepository<Tx> {
  /** By channel. */
  listSchedules(tx: Tx): Promise<StoredSchedule[]>;
  getSchedule(tx: Tx, id: string): Promise<StoredSchedule | null>;
  scheduleOfChannel(tx: Tx, channel: string): Promise<StoredSchedule | null>;
  /** One schedule per channel: a second for the channel changes the first (its id stays). */
  upsertSchedule(tx: Tx, s: ScheduleInput): Promise<void>;
}

export interface ReplyCheckRepository<Tx> {
  recordReplyCheck(tx: Tx, r: ReplyCheckInput): Promise<void>;
  countReplyChecks(tx: Tx): Promise<number>;
  /** Newest first, within [fromIso, toIso). */
  listReplyChecks(tx: Tx, range: IsoRange, limit?: number): Promise<KeptReplyCheck[]>;
  countReplyChecksIn(tx: Tx, range: IsoRange): Promise<{ checked: number; flagged: number }>;
}

/**
 * Which posts wait in a posts queue, typed (SQLite's `postsWaiting` takes WHERE text; the server cannot
 * filter on the sealed times): take-downs due, published posts flagged for review, drafts, approved posts.
 */
export type PostQueueKind = 'takedown_required' | 'review_required' | 'draft' | 'approved';

/**
 * The work queues' rows (`work-queue-repository.ts`): a count and the first rows in the order to deal with
 * them. The queues have no table of their own; on the server the names, an authorization's last day and
 * the posts' waiting times are sealed, so its implementation opens the candidates on the workstation.
 */
export interface WorkQueueRepository<Tx> {
  draftsToSign(tx: Tx, limit: number): Promise<QueueRows<AuthorizationQueueRow>>;
  awaitingWitness(tx: Tx, limit: number): Promise<QueueRows<AuthorizationQueueRow>>;
  expiringBetween(tx: Tx, today: Day, lastDay: Day, limit: number): Promise<QueueRows<AuthorizationQueueRow>>;
  eventsToRecord(tx: Tx, limit: number): Promise<QueueRows<AuthorizationQueueRow>>;
  revokedSince(tx: Tx, since: string, limit: number): Promise<QueueRows<AuthorizationQueueRow>>;
  postsWaiting(tx: Tx, kind: PostQueueKind, limit: number): Promise<QueueRows<PostQueueRow>>;
  liveUncoveredPosts(tx: Tx, limit: number): Promise<QueueRows<PostQueueRow>>;
}

export interface ProgramIncidentRecords<Tx> {
  workQueue: WorkQueueRepository<Tx>;
  incidents: IncidentRepository<Tx>;
  postReviews: PostReviewRepository<Tx>;
  reviewSchedules: ReviewScheduleRepository<Tx>;
  replyChecks: ReplyCheckRepository<Tx>;
}
