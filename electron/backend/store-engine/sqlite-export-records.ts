import type { AuditEvent } from '../../../shared/audit';
import type { Stage } from '../../../shared/authorization/record';
import type { AuthorizationTerms, ContentKind, Purpose } from '../../../shared/authorization/scope';
import type { HealthMentionSummary } from '../../../shared/posts/disclosures';
import type { IdentifierKind } from '../../../shared/posts/phi-scanner';
import type { PostState } from '../../../shared/posts/post';
import type { Db } from '../store/database';
import { cachedStatement } from '../store/statement-cache';
import type { ExportFilter, ExportRecords, ExportedAuthorization, ExportedRecord } from '../store-pg/store-interface-export';

/**
 * The audit export's reads on the SQLite file (store-interface-export.ts):
 * the statements `export/export-selection.ts` and `export/bundle-writer.ts`
 * ran on the snapshot connection, chosen by the same condition on
 * `authorizations a`, in the same order (SQLite's: signed_at with NULL
 * first, text by bytes, then id), so the bundles are byte for byte those of
 * before. Pages of authorizations are found on the ids and joined to their
 * patient (no walk through blobs); a revocation scan, outside the covering
 * index, is looked up for revoked ones only.
 */

/** The condition on `authorizations a` that chooses an export's authorizations, and its parameters. */
export function exportCondition(filter: ExportFilter): { where: string; params: Record<string, string> } {
  const inRange = (column: string) => `(a.${column} >= @fromInstant AND a.${column} < @toInstant)`;
  const patientFilter = filter.patientIds ? 'AND a.patient_id IN (SELECT value FROM json_each(@patientIds))' : '';
  return {
    where: `a.stage <> 'draft' AND (${inRange('signed_at')} OR ${inRange('revoked_at')} OR ${inRange('expiration_event_at')}) ${patientFilter}`,
    params: { fromInstant: filter.fromInstant, toInstant: filter.toInstant, ...(filter.patientIds ? { patientIds: JSON.stringify(filter.patientIds) } : {}) },
  };
}

type IndexRow = {
  id: string;
  patient_id: string;
  first_name: string;
  last_name: string;
  stage: Stage;
  terms: string;
  signed_at: string | null;
  witnessed_at: string | null;
  revoked_at: string | null;
  revocation_received_on: string | null;
  expiration_event_at: string | null;
  expiration_event_on: string | null;
  pdf_sha256: string | null;
};

type PostRow = {
  id: string;
  consent_id: string;
  patient_id: string;
  testimonial_id: string;
  channel: string;
  purpose: Purpose;
  third_party_pays: number;
  sponsor: string;
  content_kinds: string;
  blocking_identifiers: string;
  health_mentions: string;
  identifiers_approved_at: string | null;
  identifiers_approval_reason: string | null;
  identifiers_approved_by_name: string | null;
  caption: string;
  state: PostState;
  created_at: string;
  approved_at: string | null;
  published_at: string | null;
  published_url: string | null;
  relied_consent_pdf_sha256: string | null;
  takedown_required_at: string | null;
  takedown_reason: string | null;
  taken_down_at: string | null;
};

const indexed = (r: IndexRow): Omit<ExportedAuthorization, 'revocationScan'> => ({
  id: r.id,
  patientId: r.patient_id,
  firstName: r.first_name,
  lastName: r.last_name,
  stage: r.stage,
  terms: JSON.parse(r.terms) as AuthorizationTerms,
  signedAt: r.signed_at,
  witnessedAt: r.witnessed_at,
  revokedAt: r.revoked_at,
  revocationReceivedOn: r.revocation_received_on,
  expirationEventAt: r.expiration_event_at,
  expirationEventOn: r.expiration_event_on,
  pdfSha256: r.pdf_sha256,
});

type AuditRow = {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
};

const toEvent = (r: AuditRow): AuditEvent => ({
  seq: r.seq,
  at: r.at,
  actorId: r.actor_id,
  actorName: r.actor_name,
  action: r.action,
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  detail: r.detail,
  prevHash: r.prev_hash,
  hash: r.hash,
});

/** Posts few enough to find by their consents and sort in memory, page after page (export-selection.ts's threshold). */
const postsSortedAtMost = 5000;

/** Ids per statement when counting posts by consent (well under SQLite's limit of bound parameters). */
const idsPerStatement = 500;

export function createSqliteExportRecords(): ExportRecords<Db> {
  const scanOf = (db: Db, id: string) =>
    (db.prepare('SELECT revocation_scan_sha256 AS sha256, revocation_scan_type AS mimeType FROM authorizations WHERE id = ? AND revocation_scan_sha256 IS NOT NULL').get(id) as
      | { sha256: string; mimeType: string }
      | undefined) ?? null;

  return {
    async exportAuthorizationsAfter(db, filter, after, limit, options = {}) {
      const { where, params } = exportCondition(filter);
      // After the cursor in (signed_at, id) order, where NULL sorts first: NULLs after a NULL by id, then every non-NULL.
      const cursor = after
        ? after.signedAt === null
          ? 'AND (a.signed_at IS NOT NULL OR a.id > @afterId)'
          : 'AND a.signed_at IS NOT NULL AND (a.signed_at > @afterSignedAt OR (a.signed_at = @afterSignedAt AND a.id > @afterId))'
        : '';
      const rows = db
        .prepare(
          `SELECT a.id, a.patient_id, p.first_name, p.last_name, a.stage, a.terms, a.signed_at, a.witnessed_at, a.revoked_at,
             a.revocation_received_on, a.expiration_event_at, a.expiration_event_on, a.pdf_sha256
           FROM authorizations a JOIN patients p ON p.id = a.patient_id
           WHERE ${where} ${options.revokedOnly ? 'AND a.revoked_at IS NOT NULL' : ''} ${cursor}
           ORDER BY a.signed_at, a.id LIMIT @limit`,
        )
        .all({ ...params, limit, ...(after ? { afterId: after.id, ...(after.signedAt !== null ? { afterSignedAt: after.signedAt } : {}) } : {}) }) as IndexRow[];
      return rows.map((r) => ({ ...indexed(r), revocationScan: r.revoked_at !== null ? scanOf(db, r.id) : null }));
    },

    async exportTotals(db, filter) {
      const { where, params } = exportCondition(filter);
      // Counted by SQLite on the covering index, as the selection always did; scans looked up for the revoked ones only.
      const totals = db
        .prepare(`SELECT count(*) AS chosen, count(a.revoked_at) AS revocations, count(a.pdf_sha256) AS pdfs FROM authorizations a JOIN patients p ON p.id = a.patient_id WHERE ${where}`)
        .get(params) as { chosen: number; revocations: number; pdfs: number };
      let scans = 0;
      if (totals.revocations > 0) {
        const revoked = db.prepare(`SELECT a.id FROM authorizations a JOIN patients p ON p.id = a.patient_id WHERE ${where} AND a.revoked_at IS NOT NULL`).pluck();
        for (const id of revoked.iterate(params) as IterableIterator<string>) if (scanOf(db, id) !== null) scans += 1;
      }
      const posts = totals.chosen > 0 ? (db.prepare(`SELECT count(*) FROM posts WHERE consent_id IN (SELECT a.id FROM authorizations a WHERE ${where})`).pluck().get(params) as number) : 0;
      return { authorizations: totals.chosen, revocations: totals.revocations, pdfs: totals.pdfs, scans, posts };
    },

    async postCountsOfConsents(db, consentIds) {
      const counts = new Map<string, number>(consentIds.map((id) => [id, 0]));
      for (let i = 0; i < consentIds.length; i += idsPerStatement) {
        const ids = consentIds.slice(i, i + idsPerStatement);
        const rows = db.prepare(`SELECT consent_id AS id, count(*) AS n FROM posts WHERE consent_id IN (${ids.map(() => '?').join(', ')}) GROUP BY consent_id`).all(...ids) as { id: string; n: number }[];
        for (const r of rows) counts.set(r.id, r.n);
      }
      return counts;
    },

    async exportRecord(db, id) {
      // One read of the row: its PDF and the columns stored after it come together.
      return db
        .prepare(
          `SELECT pdf, id, patient_id, template_id, terms, stage, created_at, signed_at, signer_name, witnessed_at, revoked_at,
             revocation_received_on, revocation_method, expiration_event_at, expiration_event_on, pdf_sha256, revocation_pdf_sha256
           FROM authorizations WHERE id = ?`,
        )
        .get(id) as ExportedRecord | undefined;
    },

    async exportRevocation(db, id) {
      const row = db.prepare('SELECT revocation_pdf, revocation_pdf_sha256 FROM authorizations WHERE id = ?').get(id) as { revocation_pdf: Buffer | null; revocation_pdf_sha256: string | null } | undefined;
      return row ? { pdf: row.revocation_pdf, sha256: row.revocation_pdf_sha256 } : null;
    },

    async exportRevocationScan(db, id) {
      return (db.prepare('SELECT revocation_scan FROM authorizations WHERE id = ?').pluck().get(id) as Buffer | null | undefined) ?? null;
    },

    async exportAuditSpan(db, fromInstant, toInstant) {
      const trailHead = db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as { seq: number; hash: string };
      const span = db
        .prepare('SELECT min(seq) AS first, max(seq) AS last FROM audit_events WHERE at >= ? AND at < ? AND seq <= ?')
        .get(fromInstant, toInstant, trailHead.seq) as { first: number | null; last: number | null };
      return { trailHead, firstSeq: span.first, lastSeq: span.last };
    },

    async exportAuditEvents(db, fromSeq, lastSeq, limit) {
      return (db.prepare('SELECT * FROM audit_events WHERE seq >= ? AND seq <= ? ORDER BY seq LIMIT ?').all(fromSeq, lastSeq, limit) as AuditRow[]).map(toEvent);
    },

    async exportPostsAfter(db, filter, after, limit, options = {}) {
      const { where, params } = exportCondition(filter);
      /*
       * posts.csv's statement (export-selection.ts), a page at a time: after the cursor on (created_at, id). Found by
       * consent, the posts are sorted in a temporary b-tree in memory, captions and all, again for every page: fine for
       * a few thousand. Past that (or when the count is not known), they are walked in order on their created index from
       * the cursor, each one's authorization looked up by id (the posts stay the outer loop): nothing sorted, memory flat.
       */
      const few = options.total !== undefined && options.total <= postsSortedAtMost;
      const source = few
        ? `FROM posts LEFT JOIN staff approver ON approver.id = posts.identifiers_approved_by WHERE posts.consent_id IN (SELECT a.id FROM authorizations a WHERE ${where})`
        : `FROM posts INDEXED BY posts_created CROSS JOIN authorizations a ON a.id = posts.consent_id LEFT JOIN staff approver ON approver.id = posts.identifiers_approved_by WHERE ${where}`;
      // Prepared once per connection and query shape (two or four of them), not once per page.
      const rows = cachedStatement(
        db,
        `SELECT posts.id, posts.consent_id, posts.patient_id, posts.testimonial_id, posts.channel, posts.purpose, posts.third_party_pays, posts.sponsor,
             posts.content_kinds, posts.blocking_identifiers, posts.health_mentions, posts.identifiers_approved_at, posts.identifiers_approval_reason,
             approver.display_name AS identifiers_approved_by_name, posts.caption, posts.state, posts.created_at, posts.approved_at, posts.published_at,
             posts.published_url, posts.relied_consent_pdf_sha256, posts.takedown_required_at, posts.takedown_reason, posts.taken_down_at
           ${source} ${after ? 'AND (posts.created_at, posts.id) > (@afterCreatedAt, @afterId)' : ''}
           ORDER BY posts.created_at, posts.id LIMIT @limit`,
      ).all({ ...params, limit, ...(after ? { afterCreatedAt: after.createdAt, afterId: after.id } : {}) }) as PostRow[];
      return rows.map((p) => ({
        id: p.id,
        consentId: p.consent_id,
        patientId: p.patient_id,
        testimonialId: p.testimonial_id,
        channel: p.channel,
        purpose: p.purpose,
        thirdPartyPays: p.third_party_pays === 1,
        sponsor: p.sponsor,
        contentKinds: JSON.parse(p.content_kinds) as ContentKind[],
        blockingIdentifiers: JSON.parse(p.blocking_identifiers) as IdentifierKind[],
        healthMentions: JSON.parse(p.health_mentions) as HealthMentionSummary[],
        identifiersApproval: p.identifiers_approved_at
          ? { byName: p.identifiers_approved_by_name ?? '', at: p.identifiers_approved_at, reason: p.identifiers_approval_reason ?? '' }
          : null,
        caption: p.caption,
        state: p.state,
        createdAt: p.created_at,
        approvedAt: p.approved_at,
        publishedAt: p.published_at,
        publishedUrl: p.published_url,
        reliedConsentPdfSha256: p.relied_consent_pdf_sha256,
        takedownRequiredAt: p.takedown_required_at,
        takedownReason: p.takedown_reason,
        takenDownAt: p.taken_down_at,
      }));
    },

    async exportConsent(db, id) {
      // Once per consent of posts.csv: prepared once per connection.
      const row = cachedStatement(
        db,
        `SELECT a.id, a.patient_id, p.first_name, p.last_name, p.date_of_birth, a.stage, a.terms, a.signed_at, a.witnessed_at, a.revoked_at,
             a.revocation_received_on, a.expiration_event_at, a.expiration_event_on, a.pdf_sha256
           FROM authorizations a JOIN patients p ON p.id = a.patient_id WHERE a.id = ?`,
      ).get(id) as (IndexRow & { date_of_birth: string | null }) | undefined;
      return row ? { ...indexed(row), revocationScan: null, dateOfBirth: row.date_of_birth } : undefined;
    },

    async hasProgramRecords(db) {
      return (
        db
          .prepare('SELECT EXISTS (SELECT 1 FROM policy_versions) OR EXISTS (SELECT 1 FROM training_sessions) OR EXISTS (SELECT 1 FROM review_schedules) OR EXISTS (SELECT 1 FROM incidents)')
          .pluck()
          .get() === 1
      );
    },
  };
}
