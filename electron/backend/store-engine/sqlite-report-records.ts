import type { RevocationMethod } from '../../../shared/authorization/record';
import type { ContentKind, Purpose } from '../../../shared/authorization/scope';
import type { RevocationFacts, RevokedPostFacts } from '../../../shared/compliance/revocation-report';
import type { PostFacts } from '../../../shared/compliance/uncovered-posts';
import type { HealthMentionSummary } from '../../../shared/posts/disclosures';
import type { IdentifierKind } from '../../../shared/posts/phi-scanner';
import type { PostState } from '../../../shared/posts/post';
import type { Db } from '../store/database';
import type { ReportRecords } from '../store-pg/store-interface-reports';

/**
 * The compliance reports' reads on the SQLite file: the statements
 * `reports/report-queries.ts` ran on `Db` before the reports moved onto the
 * engine. The published posts are read a page at a time by id (the primary
 * key's index orders them, so nothing is sorted in memory); the report sorts
 * what it keeps, so the order they are read in does not show.
 */
export function createSqliteReportRecords(): ReportRecords<Db> {
  return {
    async reportedPostsAfter(db, afterId, limit) {
      type Row = {
        id: string;
        patient_id: string;
        first_name: string;
        last_name: string;
        consent_id: string | null;
        purged_consent_id?: string | null;
        date_of_birth: string | null;
        sponsor: string;
        blocking_identifiers: string;
        health_mentions: string;
        identifiers_approved_at: string | null;
        channel: string;
        purpose: Purpose;
        third_party_pays: number;
        content_kinds: string;
        state: PostState;
        published_at: string | null;
        published_url: string | null;
        takedown_required_at: string | null;
      };
      const rows = db
        .prepare(
          `SELECT p.*, pt.first_name, pt.last_name, pt.date_of_birth FROM posts p JOIN patients pt ON pt.id = p.patient_id
           WHERE (p.published_at IS NOT NULL OR p.state IN ('published', 'takedown_required')) AND p.id > ? ORDER BY p.id LIMIT ?`,
        )
        .all(afterId ?? '', limit) as Row[];
      return rows.map(
        (r): PostFacts => ({
          id: r.id,
          patientId: r.patient_id,
          patientName: `${r.first_name} ${r.last_name}`,
          consentId: r.consent_id,
          purgedConsentId: r.purged_consent_id ?? null,
          channel: r.channel,
          purpose: r.purpose,
          thirdPartyPays: r.third_party_pays === 1,
          sponsor: r.sponsor,
          contentKinds: JSON.parse(r.content_kinds) as ContentKind[],
          blockingIdentifiers: JSON.parse(r.blocking_identifiers) as IdentifierKind[],
          healthMentions: JSON.parse(r.health_mentions) as HealthMentionSummary[],
          identifiersApproved: r.identifiers_approved_at !== null,
          patientDateOfBirth: r.date_of_birth,
          state: r.state,
          publishedAt: r.published_at,
          publishedUrl: r.published_url,
          takedownRequiredAt: r.takedown_required_at,
        }),
      );
    },

    async postsOfConsents(db, consentIds) {
      return db
        .prepare(
          `SELECT id, consent_id AS consentId, channel, state, published_at AS publishedAt, takedown_required_at AS takedownRequiredAt,
             taken_down_at AS takenDownAt
           FROM posts WHERE consent_id IN (SELECT value FROM json_each(?)) ORDER BY rowid`,
        )
        .all(JSON.stringify(consentIds)) as RevokedPostFacts[];
    },

    async revocationsBetween(db, fromInstant, toInstant) {
      type Row = { consentId: string; patientId: string; first_name: string; last_name: string; receivedOn: string; recordedAt: string; method: RevocationMethod };
      const rows = db
        .prepare(
          `SELECT a.id AS consentId, a.patient_id AS patientId, p.first_name, p.last_name, a.revocation_received_on AS receivedOn,
             a.revoked_at AS recordedAt, a.revocation_method AS method
           FROM authorizations a JOIN patients p ON p.id = a.patient_id
           WHERE a.revoked_at >= ? AND a.revoked_at < ? ORDER BY a.revoked_at`,
        )
        .all(fromInstant, toInstant) as Row[];
      return rows.map(({ first_name, last_name, ...r }): RevocationFacts => ({ ...r, patientName: `${first_name} ${last_name}` }));
    },
  };
}
