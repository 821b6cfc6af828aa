import type { Stage } from '../../../shared/authorization/record';
import type { AuthorizationTerms } from '../../../shared/authorization/scope';
import { authorizationStatus } from '../../../shared/authorization/status';
import type { Day } from '../../../shared/calendar';
import type { ConsentScopeView } from '../../../shared/posts/consent-scope';
import type { Db } from '../store/database';

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
  expiration_event_at: string | null;
  pdf_sha256: string | null;
};

const select = `SELECT a.id, a.patient_id, p.first_name, p.last_name, a.stage, a.terms, a.signed_at, a.witnessed_at,
  a.revoked_at, a.expiration_event_at, a.pdf_sha256
  FROM authorizations a JOIN patients p ON p.id = a.patient_id`;

export function toScopeView(row: Row, today: Day): ConsentScopeView {
  const terms = JSON.parse(row.terms) as AuthorizationTerms;
  const facts = { stage: row.stage, expiration: terms.expiration, revokedAt: row.revoked_at, expirationEventAt: row.expiration_event_at };
  return {
    id: row.id,
    patientId: row.patient_id,
    patientFirstName: row.first_name,
    patientLastName: row.last_name,
    stage: row.stage,
    status: authorizationStatus(facts, today),
    language: terms.language,
    scope: terms.scope,
    expiration: terms.expiration,
    remuneration: terms.remuneration,
    signedAt: row.signed_at,
    witnessedAt: row.witnessed_at,
    revokedAt: row.revoked_at,
    expirationEventAt: row.expiration_event_at,
    pdfSha256: row.pdf_sha256,
  };
}

/** A patient's signed authorizations as marketing sees them (drafts are not consents yet). */
export function scopeViewsOfPatient(db: Db, patientId: string, today: Day): ConsentScopeView[] {
  return (db.prepare(`${select} WHERE a.patient_id = ? AND a.stage <> 'draft' ORDER BY a.signed_at DESC`).all(patientId) as Row[]).map((r) =>
    toScopeView(r, today),
  );
}

export function scopeView(db: Db, id: string, today: Day): ConsentScopeView | null {
  const row = db.prepare(`${select} WHERE a.id = ?`).get(id) as Row | undefined;
  return row ? toScopeView(row, today) : null;
}

/** Final consents that expire on a date, with that date (for the expiring-soon lists). */
export function consentsExpiringBy(db: Db, lastDay: Day, today: Day): ConsentScopeView[] {
  return (
    db
      .prepare(
        `${select} WHERE a.stage = 'final' AND a.revoked_at IS NULL
         AND json_extract(a.terms, '$.expiration.kind') = 'date'
         AND json_extract(a.terms, '$.expiration.date') > ? AND json_extract(a.terms, '$.expiration.date') <= ?
         ORDER BY json_extract(a.terms, '$.expiration.date')`,
      )
      .all(today, lastDay) as Row[]
  ).map((r) => toScopeView(r, today));
}
