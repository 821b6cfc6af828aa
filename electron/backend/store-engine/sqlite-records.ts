import type { ActivityCount } from '../../../shared/compliance/staff-activity';
import { AppError } from '../../../shared/errors';
import { appendAudit, auditOfSubject, listAudit, verifyAuditChain } from '../audit/audit-log';
import { keepVerdict, keptVerdict, liveUncoveredPostIds, countLiveUncovered, markCoverageDue } from '../posts/kept-coverage';
import * as authorizations from '../repositories/authorization-repository';
import { consentsExpiringBetween } from '../repositories/consent-scope-repository';
import { postPage } from '../repositories/list-pages';
import { consentPage } from '../repositories/list-pages';
import * as patients from '../repositories/patient-repository';
import * as posts from '../repositories/post-repository';
import * as testimonials from '../repositories/testimonial-repository';
import type { Db } from '../store/database';
import { authorizationConflictMessage } from '../store-pg/pg-consent-repository';
import { patientConflictMessage, recordNumberTakenMessage } from '../store-pg/pg-patient-repository';
import { postConflictMessage } from '../store-pg/pg-post-repository';
import type { Expected, PostFilter, TestimonialFilter, Versioned } from '../store-pg/store-interface';
import { createSqliteProgramIncidentRecords } from './sqlite-program-incident-records';
import { createSqliteProgramRecords } from './sqlite-program-records';
import { createSqliteProgramReviewRecords } from './sqlite-program-reviews-records';
import { createSqliteReportRecords } from './sqlite-report-records';
import { createSqliteExportRecords } from './sqlite-export-records';
import { createSqlitePracticeRecords } from './sqlite-practice-records';
import { createSqliteSettingsRepository, createSqliteStaffRepository } from './sqlite-staff-records';
import type { SharedRecords } from './store-engine';

/**
 * The shared records' repositories over the encrypted SQLite file: today's
 * synchronous functions, unchanged, behind the store interface both engines
 * implement (switch-over step 1). What this layer adds is what the interface
 * promises beyond them, answered as the PostgreSQL repositories answer it:
 * each record read carries its row_version (migration 015); a write naming a
 * version checks it first (the engine's BEGIN IMMEDIATE holds the write lock,
 * so nothing can change the row between the check and the write); typed
 * filters become today's WHERE text; and the same errors for the same cases.
 */

type VersionedTable = 'patients' | 'authorizations' | 'testimonials' | 'posts';

function versionOf(db: Db, table: VersionedTable, id: string): number | undefined {
  return db.prepare(`SELECT row_version FROM ${table} WHERE id = ?`).pluck().get(id) as number | undefined;
}

function withVersion<T extends { id: string }>(db: Db, table: VersionedTable, record: T | undefined): Versioned<T> | undefined {
  if (!record) return undefined;
  return { ...record, rowVersion: versionOf(db, table, record.id)! };
}

function withVersions<T extends { id: string }>(db: Db, table: VersionedTable, records: T[]): Versioned<T>[] {
  if (records.length === 0) return [];
  const versions = new Map(
    db
      .prepare(`SELECT id, row_version FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`)
      .raw(true)
      .all(JSON.stringify(records.map((r) => r.id))) as [string, number][],
  );
  return records.map((r) => ({ ...r, rowVersion: versions.get(r.id)! }));
}

/** Throws `conflict` when the row is at another version than the one the caller read; `missing` says what a vanished row means. */
function checkVersion(db: Db, table: VersionedTable, id: string, expected: Expected | undefined, conflict: string, missing: AppError | null): void {
  if (!expected) return;
  const current = versionOf(db, table, id);
  if (current === undefined) {
    if (missing) throw missing;
    return;
  }
  if (current !== expected.rowVersion) throw new AppError('conflict', conflict);
}

const jsonList = (values: readonly string[]) => JSON.stringify(values);

/** Typed filter clauses joined into the WHERE text today's list functions take. */
function whereOf(clauses: [sql: string, value: unknown][]): [string, unknown[]] {
  return [clauses.length ? `WHERE ${clauses.map(([sql]) => sql).join(' AND ')}` : '', clauses.map(([, value]) => value)];
}

function testimonialWhere(filter: TestimonialFilter = {}): [string, unknown[]] {
  const clauses: [string, unknown][] = [];
  if (filter.ids) clauses.push(['t.id IN (SELECT value FROM json_each(?))', jsonList(filter.ids)]);
  if (filter.patientId !== undefined) clauses.push(['t.patient_id = ?', filter.patientId]);
  return whereOf(clauses);
}

function postWhere(filter: PostFilter = {}): [string, unknown[]] {
  const clauses: [string, unknown][] = [];
  if (filter.ids) clauses.push(['posts.id IN (SELECT value FROM json_each(?))', jsonList(filter.ids)]);
  if (filter.states) clauses.push(['posts.state IN (SELECT value FROM json_each(?))', jsonList(filter.states)]);
  if (filter.consentId !== undefined) clauses.push(['posts.consent_id = ?', filter.consentId]);
  if (filter.patientId !== undefined) clauses.push(['posts.patient_id = ?', filter.patientId]);
  if (filter.testimonialId !== undefined) clauses.push(['posts.testimonial_id = ?', filter.testimonialId]);
  if (filter.consentIds) clauses.push(['posts.consent_id IN (SELECT value FROM json_each(?))', jsonList(filter.consentIds)]);
  return whereOf(clauses);
}

const isRecordNumberTaken = (error: unknown) =>
  (error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE' && String((error as Error).message).includes('patients.record_number');

const postDeleted = () => new AppError('not_found', 'This post was deleted.');

export function createSqliteRecords(): SharedRecords<Db> {
  return {
    program: createSqliteProgramRecords(),
    programIncidents: createSqliteProgramIncidentRecords(),
    programReviews: createSqliteProgramReviewRecords(),
    reports: createSqliteReportRecords(),
    exports: createSqliteExportRecords(),
    patients: {
      getPatient: async (db, id) => withVersion(db, 'patients', patients.getPatient(db, id)),
      findPatientByRecordNumber: async (db, recordNumber) => withVersion(db, 'patients', patients.findPatientByRecordNumber(db, recordNumber)),
      async insertPatient(db, patient) {
        try {
          patients.insertPatient(db, patient);
        } catch (error) {
          if (isRecordNumberTaken(error)) {
            throw new AppError('conflict', recordNumberTakenMessage, { issues: [{ path: 'recordNumber', message: recordNumberTakenMessage }] });
          }
          throw error;
        }
      },
      async updatePatient(db, id, fields, updatedAt, expected) {
        if (versionOf(db, 'patients', id) === undefined) throw new AppError('not_found', 'Unknown patient.');
        checkVersion(db, 'patients', id, expected, patientConflictMessage, null);
        try {
          patients.updatePatient(db, id, fields, updatedAt);
        } catch (error) {
          if (isRecordNumberTaken(error)) throw new AppError('conflict', recordNumberTakenMessage);
          throw error;
        }
      },
      searchPatients: async (db, query, limit, today) => patients.searchPatients(db, query, limit, today),
      listPatients: async (db, input, today) => patients.listPatients(db, input, today),
      likelyDuplicates: async (db, fields, exceptId) => patients.likelyDuplicates(db, fields, exceptId),
      distinctCities: async (db) => db.prepare("SELECT DISTINCT city FROM patients WHERE city IS NOT NULL AND city <> ''").pluck().all() as string[],
    },

    audit: {
      appendAudit: async (db, entry) => appendAudit(db, entry),
      auditOfSubject: async (db, subjectId) => auditOfSubject(db, subjectId),
      activityBetween: async (db, fromInstant, toInstant) =>
        db
          .prepare(
            `SELECT actor_id AS actorId, actor_name AS actorName, action, count(*) AS count, min(at) AS firstAt, max(at) AS lastAt
             FROM audit_events WHERE at >= ? AND at < ? GROUP BY actor_id, actor_name, action`,
          )
          .all(fromInstant, toInstant) as ActivityCount[],
      auditPage: async (db, filter) => listAudit(db, filter),
      verifyChain: async (db) => verifyAuditChain(db),
    },

    consents: {
      getAuthorization: async (db, id) => withVersion(db, 'authorizations', authorizations.getAuthorization(db, id)),
      listAuthorizationsOfPatient: async (db, patientId) => withVersions(db, 'authorizations', authorizations.listAuthorizationsOfPatient(db, patientId)),
      listAuthorizations: async (db) => withVersions(db, 'authorizations', authorizations.listAuthorizations(db)),
      insertDraft: async (db, draft) => authorizations.insertDraft(db, draft),
      async updateDraft(db, id, templateId, terms, updatedAt, expected) {
        checkVersion(db, 'authorizations', id, expected, authorizationConflictMessage, null);
        return authorizations.updateDraft(db, id, templateId, terms, updatedAt);
      },
      async deleteDraft(db, id, expected) {
        checkVersion(db, 'authorizations', id, expected, authorizationConflictMessage, null);
        return authorizations.deleteDraft(db, id);
      },
      async recordPatientSignature(db, id, s, expected) {
        checkVersion(db, 'authorizations', id, expected, authorizationConflictMessage, null);
        return authorizations.recordPatientSignature(db, id, s);
      },
      signatureImage: async (db, id) => authorizations.signatureImage(db, id),
      async finalizeAuthorization(db, id, f, expected) {
        checkVersion(db, 'authorizations', id, expected, authorizationConflictMessage, null);
        return authorizations.finalizeAuthorization(db, id, f);
      },
      authorizationPdf: async (db, id) => authorizations.authorizationPdf(db, id),
      async recordRevocation(db, id, r, expected) {
        checkVersion(db, 'authorizations', id, expected, authorizationConflictMessage, null);
        return authorizations.recordRevocation(db, id, r);
      },
      revocationPdf: async (db, id) => authorizations.revocationPdf(db, id),
      async recordExpirationEvent(db, id, e, expected) {
        checkVersion(db, 'authorizations', id, expected, authorizationConflictMessage, null);
        return authorizations.recordExpirationEvent(db, id, e);
      },
      async recordPaperFormPrinted(db, id, p, expected) {
        checkVersion(db, 'authorizations', id, expected, authorizationConflictMessage, null);
        return authorizations.recordPaperFormPrinted(db, id, p);
      },
      async recordPaperSignature(db, id, p, expected) {
        checkVersion(db, 'authorizations', id, expected, authorizationConflictMessage, null);
        return authorizations.recordPaperSignature(db, id, p);
      },
      paperScan: async (db, id) => authorizations.paperScan(db, id),
      consentsExpiringBetween: async (db, window, on, limit) => consentsExpiringBetween(db, window, on, limit),
      revocationScan: async (db, id) => authorizations.revocationScan(db, id),
      authorizationSummariesAfter: async (db, after, limit, today) => authorizations.authorizationSummariesAfter(db, after, limit, today),
      consentPage: async (db, input, today) => consentPage(db, input, today),
    },

    testimonials: {
      async listTestimonials(db, filter) {
        const [where, params] = testimonialWhere(filter);
        return withVersions(db, 'testimonials', testimonials.listTestimonials(db, where, ...params));
      },
      getTestimonial: async (db, id) => withVersion(db, 'testimonials', testimonials.getTestimonial(db, id)),
      insertTestimonial: async (db, t) => testimonials.insertTestimonial(db, t),
      insertMedia: async (db, m) => testimonials.insertMedia(db, m),
      getMedia: async (db, id) => testimonials.getMedia(db, id),
      mediaOfTestimonial: async (db, testimonialId) => testimonials.mediaOfTestimonial(db, testimonialId),
      testimonialPage: async (db, input) => testimonials.testimonialPage(db, input),
      consentedPatients: async (db, query, limit) => testimonials.consentedPatients(db, query, limit),
    },

    posts: {
      async listPosts(db, filter) {
        const [where, params] = postWhere(filter);
        return withVersions(db, 'posts', posts.listPosts(db, where, ...params));
      },
      getPost: async (db, id) => withVersion(db, 'posts', posts.getPost(db, id)),
      insertPost: async (db, post, createdBy) => posts.insertPost(db, post, createdBy),
      async updatePostContent(db, post, expected) {
        checkVersion(db, 'posts', post.id, expected, postConflictMessage, postDeleted());
        posts.updatePostContent(db, post);
      },
      updateDisclosures: async (db, id, d) => posts.updateDisclosures(db, id, d),
      async approveIdentifiers(db, id, { by, at, reason, sha256 }, expected) {
        // SQLite joins the approver's name from staff; byName is for the engine that cannot yet.
        checkVersion(db, 'posts', id, expected, postConflictMessage, postDeleted());
        posts.approveIdentifiers(db, id, { by, at, reason, sha256 });
      },
      setReview: async (db, id, review) => posts.setReview(db, id, review),
      async setPostState(db, id, state, at, fields, expected) {
        checkVersion(db, 'posts', id, expected, postConflictMessage, postDeleted());
        posts.setPostState(db, id, state, at, fields);
      },
      countPostsByState: async (db) => posts.countPostsByState(db),
      async voidIdentifiersApproval(db, id) {
        db.prepare('UPDATE posts SET identifiers_approved_by = NULL, identifiers_approved_at = NULL, identifiers_approval_reason = NULL, identifiers_approved_sha256 = NULL WHERE id = ?').run(id);
      },
      postPage: async (db, input) => postPage(db, input),
      async dashboardPosts(db, list, limit) {
        const { posts: found, total } = posts.dashboardPosts(db, list, limit);
        return { posts: withVersions(db, 'posts', found), total };
      },
      listPostChecksAfter: async (db, after, limit) => posts.listPostChecksAfter(db, after, limit),
      countUncoveredIn: async (db, states) => posts.countUncoveredIn(db, states),
      channelsWithPostsIn: async (db, states) => posts.channelsWithPostsIn(db, states),
    },

    coverage: {
      stalePostIds: async (db) => db.prepare('SELECT post_id FROM post_coverage_stale ORDER BY post_id').pluck().all() as string[],
      keepVerdict: async (db, postId, verdict) => keepVerdict(db, postId, verdict),
      async clearStale(db, postIds) {
        db.prepare('DELETE FROM post_coverage_stale WHERE post_id IN (SELECT value FROM json_each(?))').run(jsonList(postIds));
      },
      keptVerdict: async (db, postId) => keptVerdict(db, postId),
      markCoverageDue: async (db, today) => markCoverageDue(db, today),
      liveUncoveredPostIds: async (db) => liveUncoveredPostIds(db),
      countLiveUncovered: async (db) => countLiveUncovered(db),
    },

    practice: createSqlitePracticeRecords(),
    staff: createSqliteStaffRepository(),
    settings: createSqliteSettingsRepository(),
  };
}
