import type { AuthorizationTerms } from '../../../shared/authorization/scope';
import type { Day } from '../../../shared/calendar';
import type { AuditEvent, AuditFilter, AuditPage, ChainVerification } from '../../../shared/audit';
import type { ActivityCount } from '../../../shared/compliance/staff-activity';
import type { Page } from '../../../shared/list-page';
import type { ConsentScopeView } from '../../../shared/posts/consent-scope';
import type { PracticeDay } from '../repositories/consent-scope-repository';
import type { AuthorizationSummary } from '../../../shared/authorization/record';
import type { ConsentListRow, ConsentPageInput, PostListRow, PostPageInput, TestimonialListRow, TestimonialPageInput } from '../../../shared/list-rows';
import type { Patient, PatientFields, PatientListInput, PatientSummary } from '../../../shared/patients';
import type { AuditEntry } from '../audit/audit-log';
import type { MediaSummary, PostState, Testimonial } from '../../../shared/posts/post';
import type { KeptVerdict } from '../posts/kept-coverage';
import type * as authorizations from '../repositories/authorization-repository';
import type { AuthorizationRecord, PaperSignature, PatientSignature } from '../repositories/authorization-repository';
import type * as posts from '../repositories/post-repository';
import type { StoredPost } from '../repositories/post-repository';
import type * as testimonials from '../repositories/testimonial-repository';

/**
 * The repositories both engines implement, for the switch-over (issue 15):
 * the same functions, in the same order and with the same arguments as the
 * synchronous SQLite repositories (`repositories/authorization-repository.ts`,
 * `testimonial-repository.ts`, `post-repository.ts`, `posts/kept-coverage.ts`),
 * made asynchronous, with the engine's transaction handle `Tx` first where
 * SQLite passes its `Db`.
 *
 * Two additions, both optional for callers:
 * - Records read come with `rowVersion`; a write may name the version it was
 *   based on (`expected`). If another workstation wrote the row since, the
 *   write changes nothing and fails with a `conflict` AppError. Workflow steps
 *   keep their stage guards as well (a draft no longer a draft: `false`).
 * - Lists take a typed filter instead of a raw SQL WHERE, because the SQL
 *   differs between engines and the server cannot filter on sealed columns.
 *
 * Implemented over `Db` by `store-engine/sqlite-records.ts` (row_version:
 * migration 015) and over a pooled PostgreSQL client by the `store-pg/pg-*`
 * repositories; `store-engine/store-engine.ts` gives both a transaction.
 */

// The inputs are the SQLite functions' own parameter types: one definition, and the engines cannot drift apart.

/** The version a write was based on. */
export interface Expected {
  rowVersion: number;
}

export type Versioned<T> = T & { rowVersion: number };

export type DraftInput = Parameters<typeof authorizations.insertDraft>[1];

export type RevocationInput = Parameters<typeof authorizations.recordRevocation>[2];

export type FinalizationInput = Parameters<typeof authorizations.finalizeAuthorization>[2];

export interface ConsentRepository<Tx> {
  getAuthorization(tx: Tx, id: string): Promise<Versioned<AuthorizationRecord> | undefined>;
  listAuthorizationsOfPatient(tx: Tx, patientId: string): Promise<Versioned<AuthorizationRecord>[]>;
  /** Every authorization, oldest first (created_at, then id). */
  listAuthorizations(tx: Tx): Promise<Versioned<AuthorizationRecord>[]>;
  insertDraft(tx: Tx, draft: DraftInput): Promise<void>;
  updateDraft(tx: Tx, id: string, templateId: string, terms: AuthorizationTerms, updatedAt: string, expected?: Expected): Promise<boolean>;
  deleteDraft(tx: Tx, id: string, expected?: Expected): Promise<boolean>;
  recordPatientSignature(tx: Tx, id: string, s: PatientSignature, expected?: Expected): Promise<boolean>;
  signatureImage(tx: Tx, id: string): Promise<Buffer | null>;
  finalizeAuthorization(tx: Tx, id: string, f: FinalizationInput, expected?: Expected): Promise<boolean>;
  authorizationPdf(tx: Tx, id: string): Promise<Buffer | null>;
  recordRevocation(tx: Tx, id: string, r: RevocationInput, expected?: Expected): Promise<boolean>;
  revocationPdf(tx: Tx, id: string): Promise<Buffer | null>;
  recordExpirationEvent(tx: Tx, id: string, e: { at: string; on: string; by: string }, expected?: Expected): Promise<boolean>;
  recordPaperFormPrinted(tx: Tx, id: string, p: { textSha256: string; printedAt: string }, expected?: Expected): Promise<boolean>;
  recordPaperSignature(tx: Tx, id: string, p: PaperSignature, expected?: Expected): Promise<boolean>;
  paperScan(tx: Tx, id: string): Promise<{ bytes: Buffer; type: string } | null>;
  /**
   * Final, unrevoked consents whose expiration date is after `after` and on
   * or before `through`: the first `limit` by that date (then id), as
   * marketing sees them, and how many there are (Home's expiring lists).
   */
  consentsExpiringBetween(tx: Tx, window: { after: Day; through: Day }, on: PracticeDay, limit: number): Promise<{ consents: ConsentScopeView[]; total: number }>;
  /** The scan of a revocation letter, with the SHA-256 recorded when it was received. */
  revocationScan(tx: Tx, id: string): Promise<{ bytes: Buffer; type: string; sha256: string } | null>;
  /** Up to `limit` summaries, oldest first (created_at, then id), after `after`, each with its status on `today` (`consents.chunk`). */
  authorizationSummariesAfter(tx: Tx, after: { createdAt: string; id: string } | null, limit: number, today: Day): Promise<AuthorizationSummary[]>;
  /**
   * One page of the authorizations list (the Authorizations screen), filtered
   * by stage and sorted (then by id, the same direction), with the total and
   * each one's patient's names (SQLite: `repositories/list-pages.ts`).
   */
  consentPage(tx: Tx, input: ConsentPageInput, today: Day): Promise<Page<ConsentListRow>>;
}

export type TestimonialInput = Parameters<typeof testimonials.insertTestimonial>[1];

export type MediaInput = Parameters<typeof testimonials.insertMedia>[1];

/** What `listTestimonials` may be narrowed to (SQLite: its WHERE clauses). */
export interface TestimonialFilter {
  ids?: readonly string[];
  patientId?: string;
}

export interface TestimonialRepository<Tx> {
  /** Newest first, each with its media (oldest first). */
  listTestimonials(tx: Tx, filter?: TestimonialFilter): Promise<Versioned<Testimonial>[]>;
  getTestimonial(tx: Tx, id: string): Promise<Versioned<Testimonial> | undefined>;
  insertTestimonial(tx: Tx, t: TestimonialInput): Promise<void>;
  insertMedia(tx: Tx, m: MediaInput): Promise<void>;
  getMedia(tx: Tx, id: string): Promise<(MediaSummary & { data: Buffer }) | undefined>;
  mediaOfTestimonial(tx: Tx, testimonialId: string): Promise<MediaSummary[]>;
  /**
   * One page of the testimonials list with the total (SQLite's
   * `testimonialPage`): each word typed begins a word of the patient's name
   * or appears in the folded title; sorted by the column, then the id; media
   * counted, never read.
   */
  testimonialPage(tx: Tx, input: TestimonialPageInput): Promise<Page<TestimonialListRow>>;
  /**
   * Patients with a final consent whose "first last" name contains `query`
   * (ASCII letters in either case, as SQLite's LIKE), by last name, first
   * name, then id, at most `limit`: whom a testimonial can be about.
   */
  consentedPatients(tx: Tx, query: string, limit: number): Promise<ConsentedPatient[]>;
}

export type ConsentedPatient = testimonials.ConsentedPatient;

/** What `listPosts` may be narrowed to (SQLite: its WHERE clauses). */
export interface PostFilter {
  ids?: readonly string[];
  states?: readonly PostState[];
  consentId?: string;
  patientId?: string;
  testimonialId?: string;
  /** Posts relying on any of these consents. */
  consentIds?: readonly string[];
}

export type PostStateFields = NonNullable<Parameters<typeof posts.setPostState>[4]>;

export type Disclosures = Parameters<typeof posts.updateDisclosures>[2];

/** An identifiers approval. `byName` is kept with it where the engine cannot join the staff table (PostgreSQL, for now). */
export interface IdentifiersApprovalInput {
  by: string;
  byName?: string;
  at: string;
  reason: string;
  sha256: string;
}

export type { KeptVerdict } from '../posts/kept-coverage';

export interface PostRepository<Tx> {
  /** Newest first. */
  listPosts(tx: Tx, filter?: PostFilter): Promise<Versioned<StoredPost>[]>;
  getPost(tx: Tx, id: string): Promise<Versioned<StoredPost> | undefined>;
  insertPost(tx: Tx, post: StoredPost, createdBy: string): Promise<void>;
  updatePostContent(tx: Tx, post: StoredPost, expected?: Expected): Promise<void>;
  updateDisclosures(tx: Tx, id: string, d: Disclosures): Promise<void>;
  approveIdentifiers(tx: Tx, id: string, a: IdentifiersApprovalInput, expected?: Expected): Promise<void>;
  setReview(tx: Tx, id: string, review: { at: string; reason: string } | null): Promise<void>;
  setPostState(tx: Tx, id: string, state: PostState, at: string, fields?: PostStateFields, expected?: Expected): Promise<void>;
  countPostsByState(tx: Tx): Promise<Record<PostState, number>>;
  /** The caption or testimonial changed: the administrator's identifiers approval no longer applies (never raises a conflict: part of the edit that voids it). */
  voidIdentifiersApproval(tx: Tx, id: string): Promise<void>;
  /** One page of the Posts list, sorted and filtered, with the total (`repositories/list-pages.ts` postPage). */
  postPage(tx: Tx, input: PostPageInput): Promise<Page<PostListRow>>;
  /** The first `limit` posts of one of Home's lists, oldest flag first, and how many it holds. */
  dashboardPosts(tx: Tx, list: posts.DashboardPostList, limit: number): Promise<{ posts: Versioned<StoredPost>[]; total: number }>;
  /** Up to `limit` posts, newest first (created_at, then id), after `after`, as a whole-store check reads them. */
  listPostChecksAfter(tx: Tx, after: { createdAt: string; id: string } | null, limit: number): Promise<posts.PostCheckRecord[]>;
  /** How many posts in `states` have a kept verdict of not covered. */
  countUncoveredIn(tx: Tx, states: readonly PostState[]): Promise<number>;
  /** The channels with at least one post in `states`, each once, in SQLite's BINARY order (by UTF-8 bytes). */
  channelsWithPostsIn(tx: Tx, states: readonly PostState[]): Promise<string[]>;
}

/** The kept verdicts (SQLite: `posts/kept-coverage.ts`); the rule that judges stays in the backend, engine-free. */
export interface KeptCoverageRepository<Tx> {
  stalePostIds(tx: Tx): Promise<string[]>;
  keepVerdict(tx: Tx, postId: string, verdict: KeptVerdict): Promise<void>;
  clearStale(tx: Tx, postIds: readonly string[]): Promise<void>;
  keptVerdict(tx: Tx, postId: string): Promise<KeptVerdict | null>;
  markCoverageDue(tx: Tx, today: Day): Promise<number>;
  liveUncoveredPostIds(tx: Tx): Promise<string[]>;
  countLiveUncovered(tx: Tx): Promise<number>;
}

/**
 * Patients (SQLite: `repositories/patient-repository.ts`). `updatePatient`
 * fails with `not_found` for a patient that is not there (SQLite's function
 * alone would write nothing and say nothing) and with `conflict` for a
 * record number another patient has, on both engines.
 */
export interface PatientRepository<Tx> {
  getPatient(tx: Tx, id: string): Promise<Versioned<Patient> | undefined>;
  findPatientByRecordNumber(tx: Tx, recordNumber: string): Promise<Versioned<Patient> | undefined>;
  insertPatient(tx: Tx, patient: Patient): Promise<void>;
  updatePatient(tx: Tx, id: string, fields: PatientFields, updatedAt: string, expected?: Expected): Promise<void>;
  /** The first `limit` matches by name: a date of birth, a record number, or words that each begin a first or last name. */
  searchPatients(tx: Tx, query: string, limit: number, today: Day): Promise<PatientSummary[]>;
  /** One page of the patient list, sorted, with the total (the Patients screen). */
  listPatients(tx: Tx, input: PatientListInput, today: Day): Promise<Page<PatientSummary>>;
  /** Patients born on that day whose name has the same words: likely the same person. */
  likelyDuplicates(tx: Tx, fields: Pick<Patient, 'firstName' | 'lastName' | 'dateOfBirth'>, exceptId?: string): Promise<PatientSummary[]>;
  /** Every city in the practice's records, once each, in no particular order (the place names a caption is checked for). */
  distinctCities(tx: Tx): Promise<string[]>;
}

/**
 * The audit chain (SQLite: `audit/audit-log.ts`; PostgreSQL:
 * `store-pg/pg-audit-log.ts`). An append runs inside the transaction of the
 * change it records, so both commit together or neither does.
 */
export interface AuditRepository<Tx> {
  appendAudit(tx: Tx, entry: AuditEntry): Promise<AuditEvent>;
  /** The events about one subject, oldest first. */
  auditOfSubject(tx: Tx, subjectId: string): Promise<AuditEvent[]>;
  /**
   * How many events each actor (id and name as recorded) had of each action
   * at or after `fromInstant` and before `toInstant`, with the first and last
   * instant: the staff activity report. In SQLite's GROUP BY order (actor id,
   * NULL first, then name, then action, byte by byte).
   */
  activityBetween(tx: Tx, fromInstant: string, toInstant: string): Promise<ActivityCount[]>;
  /**
   * One page of the trail, newest first (`audit/audit-log.ts`'s `listAudit`):
   * the events matching the filter before `beforeSeq`, at most `limit`, and
   * how many match in all. Subjects are not named here.
   */
  auditPage(tx: Tx, filter: AuditFilter): Promise<AuditPage>;
  /** Walk the whole chain and its head. Inside one snapshot (on PostgreSQL, a REPEATABLE READ transaction). */
  verifyChain(tx: Tx): Promise<ChainVerification>;
}
