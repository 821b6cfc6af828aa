import type { Stage } from '../../../shared/authorization/record';
import type { AuthorizationTerms } from '../../../shared/authorization/scope';
import { authorizationStatus } from '../../../shared/authorization/status';
import { dayOf, type Day } from '../../../shared/calendar';
import type { ConsentScopeView } from '../../../shared/posts/consent-scope';
import type { Db } from '../store/database';
import type { AuthorizationRecord } from './authorization-repository';
import { cachedStatement } from '../store/statement-cache';

type Row = {
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

const select = `SELECT a.id, a.patient_id, p.first_name, p.last_name, a.stage, a.terms, a.signed_at, a.witnessed_at,
  a.revoked_at, a.revocation_received_on, a.expiration_event_at, a.expiration_event_on, a.pdf_sha256
  FROM authorizations a JOIN patients p ON p.id = a.patient_id`;

/** Where a day is needed: the practice's day of a stored instant. */
export interface PracticeDay {
  today: Day;
  timeZone: string;
}

/** A consent as marketing sees it; `terms` when the caller parsed them already. */
export function toScopeView(row: Row, { today, timeZone }: PracticeDay, terms = JSON.parse(row.terms) as AuthorizationTerms): ConsentScopeView {
  const facts = { stage: row.stage, expiration: terms.expiration, revokedAt: row.revoked_at, expirationEventAt: row.expiration_event_at };
  const day = (iso: string | null) => (iso ? dayOf(new Date(iso), timeZone) : null);
  return {
    id: row.id,
    patientId: row.patient_id,
    patientFirstName: row.first_name,
    patientLastName: row.last_name,
    stage: row.stage,
    status: authorizationStatus(facts, today),
    language: terms.language,
    scope: { ...terms.scope, conditions: terms.scope.conditions ?? [] },
    expiration: terms.expiration,
    remuneration: terms.remuneration,
    representativeAuthority: terms.representative?.authority ?? null,
    signedAt: row.signed_at,
    witnessedAt: row.witnessed_at,
    signedOn: day(row.signed_at),
    witnessedOn: day(row.witnessed_at),
    revokedAt: row.revoked_at,
    revocationReceivedOn: row.revoked_at ? (row.revocation_received_on ?? day(row.revoked_at)) : null,
    expirationEventAt: row.expiration_event_at,
    expirationEventOn: row.expiration_event_at ? (row.expiration_event_on ?? day(row.expiration_event_at)) : null,
    pdfSha256: row.pdf_sha256,
  };
}

/** A consent as marketing sees it, from an authorization record and its patient's name (the store engine's records). */
export function scopeViewOfRecord(
  a: Pick<AuthorizationRecord, 'id' | 'patientId' | 'stage' | 'terms' | 'signedAt' | 'witnessedAt' | 'revokedAt' | 'revocationReceivedOn' | 'expirationEventAt' | 'expirationEventOn' | 'pdfSha256'>,
  patient: { firstName: string; lastName: string } | undefined,
  on: PracticeDay,
): ConsentScopeView {
  return toScopeView(
    {
      id: a.id,
      patient_id: a.patientId,
      first_name: patient?.firstName ?? '',
      last_name: patient?.lastName ?? '',
      stage: a.stage,
      terms: '',
      signed_at: a.signedAt,
      witnessed_at: a.witnessedAt,
      revoked_at: a.revokedAt,
      revocation_received_on: a.revocationReceivedOn,
      expiration_event_at: a.expirationEventAt,
      expiration_event_on: a.expirationEventOn,
      pdf_sha256: a.pdfSha256,
    },
    on,
    a.terms,
  );
}

export function scopeView(db: Db, id: string, on: PracticeDay): ConsentScopeView | null {
  const row = cachedStatement(db, `${select} WHERE a.id = ?`).get(id) as Row | undefined;
  return row ? toScopeView(row, on) : null;
}

/** Final consents that expire on a date, with that date (for the expiring-soon lists). */
export function consentsExpiringBy(db: Db, lastDay: Day, on: PracticeDay): ConsentScopeView[] {
  return (
    db
      .prepare(
        `${select} WHERE a.stage = 'final' AND a.revoked_at IS NULL
         AND json_extract(a.terms, '$.expiration.kind') = 'date'
         AND json_extract(a.terms, '$.expiration.date') > ? AND json_extract(a.terms, '$.expiration.date') <= ?
         ORDER BY json_extract(a.terms, '$.expiration.date')`,
      )
      .all(on.today, lastDay) as Row[]
  ).map((r) => toScopeView(r, on));
}

const expiringWhere = `a.stage = 'final' AND a.revoked_at IS NULL AND json_extract(a.terms, '$.expiration.kind') = 'date'
  AND json_extract(a.terms, '$.expiration.date') > @after AND json_extract(a.terms, '$.expiration.date') <= @through`;

/**
 * Final consents expiring after `after` and on or before `through`: the
 * first `limit` by date, and how many there are, from the partial index
 * authorizations_expiring (Home shows a page of each window and its count).
 */
export function consentsExpiringBetween(db: Db, window: { after: Day; through: Day }, on: PracticeDay, limit: number): { consents: ConsentScopeView[]; total: number } {
  const total = db.prepare(`SELECT count(*) FROM authorizations a INDEXED BY authorizations_expiring WHERE ${expiringWhere}`).pluck().get(window) as number;
  if (total === 0) return { consents: [], total };
  const rows = db
    .prepare(
      `WITH page AS (SELECT a.id, json_extract(a.terms, '$.expiration.date') AS ends FROM authorizations a INDEXED BY authorizations_expiring
         WHERE ${expiringWhere} ORDER BY ends, a.id LIMIT @limit)
       ${select} JOIN page ON page.id = a.id ORDER BY page.ends, a.id`,
    )
    .all({ ...window, limit }) as Row[];
  return { consents: rows.map((r) => toScopeView(r, on)), total };
}
