import type { AuditEvent } from '../../../shared/audit';
import type { RevocationMethod, Stage } from '../../../shared/authorization/record';
import type { AuthorizationTerms, ContentKind, Purpose } from '../../../shared/authorization/scope';
import type { HealthMentionSummary } from '../../../shared/posts/disclosures';
import type { IdentifierKind } from '../../../shared/posts/phi-scanner';
import type { PostState } from '../../../shared/posts/post';

/**
 * What an audit export reads, both engines (issue 15): the authorizations
 * its filters choose, each one's record, signed PDF, revocation
 * acknowledgment and scan, and the audit events of its range, as repository
 * reads on the snapshot's transaction handle (`SnapshotStoreEngine.snapshot`).
 * Everything is read in chunks (a page of authorizations, a page of events,
 * one PDF at a time), never the whole store at once.
 *
 * Implemented over `Db` by `store-engine/sqlite-export-records.ts` (the
 * statements `export/export-selection.ts` and `export/bundle-writer.ts` ran
 * on the snapshot connection, so SQLite's answers and bundles are
 * unchanged) and over PostgreSQL by `store-pg/pg-export-repository.ts`,
 * where the terms, names, PDFs, scans and revocation facts are sealed and
 * opened on the workstation.
 */

/** Which authorizations an export holds: not drafts, signed, revoked or ended by their expiration event within [fromInstant, toInstant), of these patients (null: all). */
export interface ExportFilter {
  fromInstant: string;
  toInstant: string;
  patientIds: readonly string[] | null;
}

/** Where a page of the bundle's authorizations starts: after this one in the bundle's order (signed_at, NULL first, by bytes; then id). */
export interface ExportCursor {
  signedAt: string | null;
  id: string;
}

/** One chosen authorization, as the selection needs it (small: no blob, no signature). */
export interface ExportedAuthorization {
  id: string;
  patientId: string;
  firstName: string;
  lastName: string;
  stage: Stage;
  terms: AuthorizationTerms;
  signedAt: string | null;
  witnessedAt: string | null;
  revokedAt: string | null;
  revocationReceivedOn: string | null;
  expirationEventAt: string | null;
  expirationEventOn: string | null;
  pdfSha256: string | null;
  /** A written revocation's scan, for revoked ones: its recorded SHA-256 and type. */
  revocationScan: { sha256: string; mimeType: string } | null;
}

/** An authorization's full record but its blobs (consents.csv's columns), with its signed PDF. */
export interface ExportedRecord {
  id: string;
  patient_id: string;
  template_id: string;
  terms: string;
  stage: Stage;
  created_at: string;
  signed_at: string | null;
  signer_name: string | null;
  witnessed_at: string | null;
  revoked_at: string | null;
  revocation_received_on: string | null;
  revocation_method: RevocationMethod | null;
  expiration_event_at: string | null;
  expiration_event_on: string | null;
  pdf_sha256: string | null;
  revocation_pdf_sha256: string | null;
  pdf: Buffer | null;
}

/** A post relying on a chosen authorization, as posts.csv and the coverage rule read it. */
export interface ExportedPost {
  id: string;
  consentId: string;
  patientId: string;
  testimonialId: string;
  channel: string;
  purpose: Purpose;
  thirdPartyPays: boolean;
  sponsor: string;
  contentKinds: ContentKind[];
  blockingIdentifiers: IdentifierKind[];
  healthMentions: HealthMentionSummary[];
  /** An administrator's decision to let identifiers in it go out: who (their name), when, why. */
  identifiersApproval: { byName: string; at: string; reason: string } | null;
  caption: string;
  state: PostState;
  createdAt: string;
  approvedAt: string | null;
  publishedAt: string | null;
  publishedUrl: string | null;
  reliedConsentPdfSha256: string | null;
  takedownRequiredAt: string | null;
  takedownReason: string | null;
  takenDownAt: string | null;
}

/** The sizes of a selection without a status filter (those with their patient). */
export interface ExportTotals {
  authorizations: number;
  revocations: number;
  pdfs: number;
  /** Revoked ones with a revocation scan. */
  scans: number;
  /** Posts relying on any chosen authorization. */
  posts: number;
}

export interface ExportRecords<Tx> {
  /**
   * Up to `limit` chosen authorizations whose patient is there, in the
   * bundle's order (signed_at, NULL first, text by bytes, then id), after
   * `after` (null: from the first); `revokedOnly`: only the revoked ones.
   * Fewer than `limit`: there are no more.
   */
  exportAuthorizationsAfter(tx: Tx, filter: ExportFilter, after: ExportCursor | null, limit: number, options?: { revokedOnly?: boolean }): Promise<ExportedAuthorization[]>;
  /** How many the filter chooses (with their patient), revoked, with a PDF, with a revocation scan, and the posts relying on them. */
  exportTotals(tx: Tx, filter: ExportFilter): Promise<ExportTotals>;
  /** How many posts rely on each of these consents (a status filter counts them after choosing): one entry per id given, zero included. */
  postCountsOfConsents(tx: Tx, consentIds: readonly string[]): Promise<Map<string, number>>;
  /** The authorization's record for consents.csv with its signed PDF, read together; undefined when it is gone. */
  exportRecord(tx: Tx, id: string): Promise<ExportedRecord | undefined>;
  /** The revocation acknowledgment and its recorded SHA-256; null when there is none. */
  exportRevocation(tx: Tx, id: string): Promise<{ pdf: Buffer | null; sha256: string | null } | null>;
  /** The stored bytes of the revocation letter's scan (null: none). */
  exportRevocationScan(tx: Tx, id: string): Promise<Buffer | null>;
  /** The trail's head now, and the first and last seq of the events at or after `fromInstant` and before `toInstant` up to it. */
  exportAuditSpan(tx: Tx, fromInstant: string, toInstant: string): Promise<{ trailHead: { seq: number; hash: string }; firstSeq: number | null; lastSeq: number | null }>;
  /** Up to `limit` events with `fromSeq` <= seq <= `lastSeq`, by seq. */
  exportAuditEvents(tx: Tx, fromSeq: number, lastSeq: number, limit: number): Promise<AuditEvent[]>;
  /**
   * Up to `limit` posts relying on an authorization the filter chooses, in
   * posts.csv's order (created_at by bytes, then id) after `after`. Fewer
   * than `limit`: there are no more. `total`, when known (the selection's
   * count), lets SQLite choose between sorting a few and walking many on
   * their created index.
   */
  exportPostsAfter(tx: Tx, filter: ExportFilter, after: { createdAt: string; id: string } | null, limit: number, options?: { total?: number }): Promise<ExportedPost[]>;
  /** A consent a post relied on, with its patient's name and date of birth (the coverage rule's age); undefined without its patient. */
  exportConsent(tx: Tx, id: string): Promise<(ExportedAuthorization & { dateOfBirth: string | null }) | undefined>;
  /** Whether the practice has started its compliance program (a policy, a training session, a review schedule or an incident). */
  hasProgramRecords(tx: Tx): Promise<boolean>;
}
