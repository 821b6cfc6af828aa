import type { RevocationFacts, RevokedPostFacts } from '../../../shared/compliance/revocation-report';
import type { PostFacts } from '../../../shared/compliance/uncovered-posts';

/**
 * What the compliance reports read (`reports/report-queries.ts`), both
 * engines: the rows today's report queries select, as repository reads the
 * engine versions of the reports are written over. The staff activity report
 * reads the audit chain (`AuditRepository.activityBetween`). Implemented over
 * `Db` by `store-engine/sqlite-report-records.ts` (today's statements) and
 * over PostgreSQL by `store-pg/pg-report-repository.ts`, where what is sealed
 * (the caption's facts, when a post was published, names, a revocation's
 * details) is opened on the workstation.
 */
export interface ReportRecords<Tx> {
  /**
   * Up to `limit` posts ever published or up now (published, waiting for
   * their take-down), by id (byte order) after `afterId` (null: from the
   * first), with their patient's name and date of birth: the facts the
   * uncovered-posts report judges. Fewer than `limit`: there are no more.
   */
  reportedPostsAfter(tx: Tx, afterId: string | null, limit: number): Promise<PostFacts[]>;
  /** Every post relying on one of these consents, in the order the posts were written. */
  postsOfConsents(tx: Tx, consentIds: readonly string[]): Promise<RevokedPostFacts[]>;
  /** Revocations recorded at or after `fromInstant` and before `toInstant`, in the order they were recorded, with the patient's name. */
  revocationsBetween(tx: Tx, fromInstant: string, toInstant: string): Promise<RevocationFacts[]>;
}
