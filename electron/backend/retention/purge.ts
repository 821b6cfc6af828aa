import type { PurgeResult, RetentionFacts, RetentionRow } from '../../../shared/compliance/retention';
import { retentionFactsOfRecord, retentionVerdict } from '../../../shared/compliance/retention';
import type { Day } from '../../../shared/calendar';
import { AppError } from '../../../shared/errors';
import { getAuthorization, type AuthorizationRecord } from '../repositories/authorization-repository';
import type { Db } from '../store/database';

/** Posts relying on an authorization that still stand or wait for their take-down. */
const postsToTakeDownSql = "SELECT count(*) FROM posts WHERE consent_id = ? AND state IN ('approved', 'published', 'takedown_required')";

export function retentionFactsOf(db: Db, record: AuthorizationRecord): RetentionFacts {
  return retentionFactsOfRecord(record, db.prepare(postsToTakeDownSql).pluck().get(record.id) as number);
}

/** True once migration 4 (purge records, the trigger that honours them) has run. */
export function canPurge(db: Db): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'authorization_purges'").get() !== undefined;
}

/** Every signed authorization with its retention verdict today, oldest first. */
export function retentionRows(db: Db, today: Day, timeZone: string): RetentionRow[] {
  type Row = {
    id: string;
    patient_id: string;
    first_name: string;
    last_name: string;
    stage: AuthorizationRecord['stage'];
    terms: string;
    created_at: string;
    signed_at: string | null;
    witnessed_at: string | null;
    revoked_at: string | null;
    revocation_received_on: string | null;
    expiration_event_at: string | null;
    expiration_event_on: string | null;
    posts_to_take_down: number;
  };
  const rows = db
    .prepare(
      `SELECT a.id, a.patient_id, p.first_name, p.last_name, a.stage, a.terms, a.created_at, a.signed_at, a.witnessed_at,
         a.revoked_at, a.revocation_received_on, a.expiration_event_at, a.expiration_event_on,
         (${postsToTakeDownSql.replace('?', 'a.id')}) AS posts_to_take_down
       FROM authorizations a JOIN patients p ON p.id = a.patient_id WHERE a.stage <> 'draft' ORDER BY a.created_at, a.id`,
    )
    .iterate() as IterableIterator<Row>;
  const result: RetentionRow[] = [];
  for (const r of rows) {
    const facts: RetentionFacts = {
      stage: r.stage,
      expiration: (JSON.parse(r.terms) as AuthorizationRecord['terms']).expiration,
      createdAt: r.created_at,
      signedAt: r.signed_at,
      witnessedAt: r.witnessed_at,
      revokedAt: r.revoked_at,
      revocationReceivedOn: r.revocation_received_on,
      expirationEventAt: r.expiration_event_at,
      expirationEventOn: r.expiration_event_on,
      postsToTakeDown: r.posts_to_take_down,
    };
    result.push({
      authorizationId: r.id,
      patientId: r.patient_id,
      patientName: `${r.first_name} ${r.last_name}`,
      signedAt: r.signed_at,
      revokedAt: r.revoked_at,
      verdict: retentionVerdict(facts, today, timeZone),
    });
  }
  return result;
}

/**
 * Purge one signed authorization and its revocation: call inside
 * `store.write`, with the audit event in the same transaction. The rule is
 * checked again here, on the record as it is inside the transaction; then
 * the purge record is written, posts that relied on the authorization are
 * re-pointed to it by `purged_consent_id` (keeping their history and the
 * PDF hash they relied on), and only then is the row deleted, which the
 * database allows because the purge record exists.
 */
export function purgeAuthorization(db: Db, id: string, by: { staffId: string; at: string; today: Day; timeZone: string }): PurgeResult {
  if (!canPurge(db)) {
    throw new AppError('conflict', 'This store cannot purge records yet: it needs the retention upgrade (schema 4) of Consent Desk.');
  }
  const record = getAuthorization(db, id);
  if (!record) throw new AppError('not_found', 'That authorization does not exist.');
  // Checked again inside the transaction, on the record and its posts as they are now.
  const verdict = retentionVerdict(retentionFactsOf(db, record), by.today, by.timeZone);
  if (!verdict.purgeable) throw new AppError('conflict', verdict.message);
  db.prepare(
    `INSERT INTO authorization_purges (authorization_id, patient_id, created_at, signed_at, revoked_at, last_day_in_effect, kept_through,
       pdf_sha256, revocation_pdf_sha256, purged_at, purged_by)
     VALUES (@id, @patientId, @createdAt, @signedAt, @revokedAt, @lastDayInEffect, @keptThrough, @pdfSha256, @revocationPdfSha256, @at, @staffId)`,
  ).run({
    id,
    patientId: record.patientId,
    createdAt: record.createdAt,
    signedAt: record.signedAt,
    revokedAt: record.revokedAt,
    lastDayInEffect: verdict.lastDayInEffect,
    keptThrough: verdict.keptThrough,
    pdfSha256: record.pdfSha256,
    revocationPdfSha256: record.revocationPdfSha256,
    at: by.at,
    staffId: by.staffId,
  });
  const postsKept = db.prepare('UPDATE posts SET purged_consent_id = consent_id, consent_id = NULL WHERE consent_id = ?').run(id).changes;
  db.prepare('DELETE FROM authorizations WHERE id = ?').run(id);
  return { authorizationId: id, purgedAt: by.at, keptThrough: verdict.keptThrough, postsKept };
}
